using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using ZhangbanProbe.Scores;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.HumanScores;

/// <summary>
/// Score files built to hold the importer: far-out references a reader fills, zip bombs, DTDs, floods of
/// shared strings, rows and columns by the thousand. Each is refused naming the file and the limit, within
/// seconds and a bounded amount of memory, and nothing is imported.
/// </summary>
[Trait("Category", "Unit")]
public class HostileScoreFileTests
{
    private const string Header = """<row r="1"><c r="A1" t="inlineStr"><is><t>report_year</t></is></c><c r="B1" t="inlineStr"><is><t>province</t></is></c><c r="C1" t="inlineStr"><is><t>platform</t></is></c><c r="D1" t="inlineStr"><is><t>grade</t></is></c></row>""";
    private const string Row2 = """<row r="2"><c r="A2"><v>2026</v></c><c r="B2" t="inlineStr"><is><t>北京</t></is></c><c r="C2" t="inlineStr"><is><t>北京通</t></is></c><c r="D2" t="inlineStr"><is><t>A</t></is></c></row>""";

    /// <summary>A minimal workbook written part by part, so that each part can be made hostile.</summary>
    public static void Workbook(string path, string sheetData, string? dimension = null, Action<Stream>? sharedStrings = null, Action<Stream>? sheetPadding = null)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Part(string name, string text)
        {
            using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
            w.Write(text);
        }
        Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
        Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Part("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
        using (var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open())
        {
            var head = Encoding.UTF8.GetBytes($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{(dimension is null ? "" : $"<dimension ref=\"{dimension}\"/>")}<sheetData>""");
            sheet.Write(head);
            sheetPadding?.Invoke(sheet);
            sheet.Write(Encoding.UTF8.GetBytes($"{sheetData}</sheetData></worksheet>"));
        }
        using (var ss = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.SmallestSize).Open())
        {
            if (sharedStrings is null) ss.Write(Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>"""));
            else sharedStrings(ss);
        }
    }

    private static void Repeat(Stream s, string text, long times)
    {
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text, 4096)));
        for (long i = 0; i < times; i += 4096) s.Write(chunk);
    }

    /// <summary>Every hostile shape, by name, written into <paramref name="dir"/>, with the limit its refusal must name.</summary>
    public static IReadOnlyList<(string File, string Limit)> WriteAll(string dir)
    {
        var files = new List<(string, string)>();
        string P(string name) => Path.Combine(dir, name);

        Workbook(P("row-gap.xlsx"), Header + Row2 + """<row r="1048576"><c r="A1048576"><v>1</v></c></row>""");
        files.Add((P("row-gap.xlsx"), "Scores:MaxRows"));
        Workbook(P("reference-gap.xlsx"), Header + """<row r="2"><c r="A2"><v>2026</v></c><c r="XFD2"><v>1</v></c></row>""");
        files.Add((P("reference-gap.xlsx"), "Scores:MaxColumns"));
        Workbook(P("dimension.xlsx"), Header + Row2, dimension: "A1:XFD1048576");
        files.Add((P("dimension.xlsx"), "Scores:MaxRows"));
        Workbook(P("overflowing-reference.xlsx"), Header + """<row r="2"><c r="ZZZZZZZZZZZZZZ99999999999999999999"><v>1</v></c></row>""");
        files.Add((P("overflowing-reference.xlsx"), "Scores:MaxRows"));
        // 1 GiB of whitespace inside sheetData: a few MB on disk.
        Workbook(P("deflate-bomb.xlsx"), Header + Row2, sheetPadding: s => Repeat(s, new string(' ', 256), 4L << 20));
        files.Add((P("deflate-bomb.xlsx"), "Scores:MaxUnpackedBytes"));
        // 4 million shared strings (what a reader would cache on disk).
        Workbook(P("shared-strings.xlsx"), Header + Row2, sharedStrings: s =>
        {
            s.Write(Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"""));
            Repeat(s, "<si><t>x</t></si>", 4_000_000);
            s.Write(Encoding.UTF8.GetBytes("</sst>"));
        });
        files.Add((P("shared-strings.xlsx"), "Scores:MaxUnpackedBytes"));
        Workbook(P("entities.xlsx"), Header + Row2, sharedStrings: s => s.Write(Encoding.UTF8.GetBytes(
            """<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&c;</t></si></sst>""")));
        files.Add((P("entities.xlsx"), "DTD"));
        using (var zip = ZipFile.Open(P("many-parts.xlsx"), ZipArchiveMode.Create))
            for (var i = 0; i < 5000; i++) zip.CreateEntry($"x/{i}.bin");
        files.Add((P("many-parts.xlsx"), "Scores:MaxParts"));

        using (var big = File.Create(P("big.csv")))
        {
            big.Write("report_year,province,platform,grade\n"u8);
            Repeat(big, "2026,北京,北京通,A\n", 400_000);
        }
        files.Add((P("big.csv"), "Scores:MaxFileBytes"));
        File.WriteAllText(P("wide.csv"), string.Join(",", Enumerable.Range(0, 5000).Select(i => $"c{i}")) + "\n1\n");
        files.Add((P("wide.csv"), "Scores:MaxColumns"));
        File.WriteAllText(P("long.csv"), "report_year,province,platform,grade\n" + string.Concat(Enumerable.Repeat("2026,北京,北京通,A\n", 20_001)));
        files.Add((P("long.csv"), "Scores:MaxRows"));
        return files;
    }

    public static TheoryData<string> Shapes() => new(
        "row-gap.xlsx", "reference-gap.xlsx", "dimension.xlsx", "overflowing-reference.xlsx", "deflate-bomb.xlsx",
        "shared-strings.xlsx", "entities.xlsx", "many-parts.xlsx", "big.csv", "wide.csv", "long.csv");

    private static readonly Lazy<(string Dir, IReadOnlyList<(string File, string Limit)> Files)> Written = new(() =>
    {
        var dir = TestPaths.NewTempDirectory();
        return (dir, WriteAll(dir));
    });

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Each_hostile_shape_is_refused_naming_the_file_and_the_limit_within_seconds_and_megabytes(string name)
    {
        var (file, limit) = Written.Value.Files.Single(f => Path.GetFileName(f.File) == name);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<ScoreFileException>(() => ScoreFileReader.Read(file));

        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.StartsWith(file + ":", ex.Message);
        Assert.Contains(limit, ex.Message);
        // Everything allocated, not only what was live at once: an upper bound on the memory it took.
        Assert.True(allocated < 256L << 20, $"{name}: {allocated / (1 << 20)} MiB allocated");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{name}: {clock.Elapsed}");
    }

    [Fact]
    public void A_workbook_inside_the_limits_reads_as_before_and_its_shared_strings_stay_in_memory()
    {
        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, "ok.xlsx");
        // 200,000 shared strings (3.4 MB unpacked): under the limits, read without a cache on disk.
        Workbook(path, Header + Row2 + """<row r="3"><c r="A3"><v>2025</v></c><c r="B3" t="s"><v>199999</v></c><c r="C3" t="inlineStr"><is><t>浙里办</t></is></c><c r="D3" t="inlineStr"><is><t>A+</t></is></c></row>""",
            dimension: "A1:D3", sharedStrings: s =>
            {
                s.Write(Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"""));
                var x = "<si><t>x</t></si>"u8.ToArray();
                for (var i = 0; i < 199_999; i++) s.Write(x);
                s.Write(Encoding.UTF8.GetBytes("<si><t>浙江</t></si></sst>"));
            });

        var (header, rows) = ScoreFileReader.Read(path);

        Assert.Equal(["report_year", "province", "platform", "grade"], header);
        Assert.Equal(2, rows.Count);
        Assert.Equal((2, "北京", "北京通"), (rows[0].Row, rows[0].Cells["province"], rows[0].Cells["platform"]));
        Assert.Equal((3, "2025", "浙里办", "A+"), (rows[1].Row, rows[1].Cells["report_year"], rows[1].Cells["platform"], rows[1].Cells["grade"]));
    }

    [Theory]
    [InlineData("A1", 1, 1)]
    [InlineData("XFD1048576", 16384, 1048576)]
    [InlineData("$AB$12", 28, 12)]
    [InlineData("ZZZZZZZZZZZZZZZZZZZZ1", 1L << 40, 1)]
    public void Cell_references_are_read_without_overflow(string reference, long column, long row) =>
        Assert.Equal((column, row), XlsxInspection.Reference(reference));

    [Fact]
    public void Limits_come_from_configuration()
    {
        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, "three.csv");
        File.WriteAllText(path, "report_year,province,platform,grade\n2026,北京,北京通,A\n2026,上海,随申办,A\n2026,浙江,浙里办,A\n");
        Assert.Equal(3, ScoreFileReader.Read(path, new ScoreFileOptions { MaxRows = 3 }).Rows.Count);
        var ex = Assert.Throws<ScoreFileException>(() => ScoreFileReader.Read(path, new ScoreFileOptions { MaxRows = 2 }));
        Assert.Contains("row 4 is one row too many, over the limit Scores:MaxRows = 2", ex.Message);
    }
}
