using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhangbanProbe.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Series : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "runs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "cli");

            migrationBuilder.AddColumn<string>(
                name: "Series",
                table: "runs",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Target",
                table: "runs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "real");

            migrationBuilder.AddColumn<string>(
                name: "Profile",
                table: "results",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "mobile");

            migrationBuilder.CreateIndex(
                name: "IX_runs_Target_Origin",
                table: "runs",
                columns: new[] { "Target", "Origin" });

            // Existing runs: the typed fields follow from the trigger text they were stored with.
            migrationBuilder.Sql("UPDATE runs SET \"Target\" = 'replicas' WHERE \"Trigger\" = 'replicas';");
            migrationBuilder.Sql("UPDATE runs SET \"Origin\" = 'api' WHERE \"Trigger\" = 'api';");
            migrationBuilder.Sql("UPDATE runs SET \"Origin\" = 'sweep', \"Series\" = substr(\"Trigger\", 10) WHERE \"Trigger\" LIKE 'schedule:%';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_runs_Target_Origin",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "Series",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "Target",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "Profile",
                table: "results");
        }
    }
}
