using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhangbanProbe.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HumanScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "human_evaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Province = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Platform = table.Column<string>(type: "TEXT", nullable: false),
                    Layer = table.Column<string>(type: "TEXT", nullable: true),
                    IndexIndicator = table.Column<string>(type: "TEXT", nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    EvaluatorGroup = table.Column<string>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    ContentKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportFile = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_human_evaluations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_human_evaluations_ContentKey",
                table: "human_evaluations",
                column: "ContentKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_human_evaluations_ReportYear_Province",
                table: "human_evaluations",
                columns: new[] { "ReportYear", "Province" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "human_evaluations");
        }
    }
}
