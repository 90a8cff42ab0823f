using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ZhangbanProbe.Storage.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportYear = table.Column<int>(type: "integer", nullable: false),
                    Province = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Platform = table.Column<string>(type: "text", nullable: false),
                    Layer = table.Column<string>(type: "text", nullable: true),
                    IndexIndicator = table.Column<string>(type: "text", nullable: true),
                    Grade = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    EvaluatorGroup = table.Column<string>(type: "text", nullable: true),
                    Notes = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "text", nullable: false),
                    ContentKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportFile = table.Column<string>(type: "text", nullable: false)
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
