using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jusou.RightsAdvocacy.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    record_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: true),
                    purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    rule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    correlation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "citizen_guardians",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_kana = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    registered_on = table.Column<DateOnly>(type: "date", nullable: false),
                    training_completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    available = table.Column<bool>(type: "boolean", nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_citizen_guardians", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "daily_life_support_contracts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    support_case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    support_case_closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    person_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    services = table.Column<List<string>>(type: "text[]", nullable: false),
                    specialist = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    support_worker = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    contracted_on = table.Column<DateOnly>(type: "date", nullable: false),
                    next_review_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    transferred_to_matter_id = table.Column<Guid>(type: "uuid", nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_life_support_contracts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "gaiji",
                columns: table => new
                {
                    tenant_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    code_point = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    mj_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gaiji", x => new { x.tenant_code, x.code_point });
                });

            migrationBuilder.CreateTable(
                name: "guardianship_matters",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    petitioner = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    stage_on = table.Column<DateOnly>(type: "date", nullable: false),
                    opened_on = table.Column<DateOnly>(type: "date", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    support_case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    support_case_closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    person_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    court = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    case_number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    end_reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: true),
                    organisation_code = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guardianship_matters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotent_requests",
                columns: table => new
                {
                    tenant_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    location = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    response_body = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotent_requests", x => new { x.tenant_code, x.key });
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    event_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_aliases",
                columns: table => new
                {
                    tenant_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    learnt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_aliases", x => new { x.tenant_code, x.id });
                });

            migrationBuilder.CreateTable(
                name: "withdrawn_sources",
                columns: table => new
                {
                    tenant_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_withdrawn_sources", x => new { x.tenant_code, x.source, x.source_id });
                });

            migrationBuilder.CreateTable(
                name: "citizen_guardian_supports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    citizen_guardian_id = table.Column<Guid>(type: "uuid", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    matter_id = table.Column<Guid>(type: "uuid", nullable: true),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_citizen_guardian_supports", x => x.id);
                    table.ForeignKey(
                        name: "fk_citizen_guardian_supports_citizen_guardians_citizen_guardia",
                        column: x => x.citizen_guardian_id,
                        principalTable: "citizen_guardians",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "citizen_guardian_trainings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    citizen_guardian_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_citizen_guardian_trainings", x => x.id);
                    table.ForeignKey(
                        name: "fk_citizen_guardian_trainings_citizen_guardians_citizen_guardi",
                        column: x => x.citizen_guardian_id,
                        principalTable: "citizen_guardians",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "daily_life_support_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_life_support_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_daily_life_support_reviews_daily_life_support_contracts_con",
                        column: x => x.contract_id,
                        principalTable: "daily_life_support_contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "daily_life_support_visits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    by = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    services = table.Column<List<string>>(type: "text[]", nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_life_support_visits", x => x.id);
                    table.ForeignKey(
                        name: "fk_daily_life_support_visits_daily_life_support_contracts_cont",
                        column: x => x.contract_id,
                        principalTable: "daily_life_support_contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fee_subsidy_applications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    matter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    applied_on = table.Column<DateOnly>(type: "date", nullable: false),
                    period_from = table.Column<DateOnly>(type: "date", nullable: false),
                    period_to = table.Column<DateOnly>(type: "date", nullable: false),
                    requested_yen = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: true),
                    granted_yen = table.Column<int>(type: "integer", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_subsidy_applications", x => x.id);
                    table.ForeignKey(
                        name: "fk_fee_subsidy_applications_guardianship_matters_matter_id",
                        column: x => x.matter_id,
                        principalTable: "guardianship_matters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "matter_guardians",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    matter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    profession = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    citizen_guardian_id = table.Column<Guid>(type: "uuid", nullable: true),
                    appointed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_matter_guardians", x => x.id);
                    table.ForeignKey(
                        name: "fk_matter_guardians_guardianship_matters_matter_id",
                        column: x => x.matter_id,
                        principalTable: "guardianship_matters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "matter_stage_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    matter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_matter_stage_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_matter_stage_changes_guardianship_matters_matter_id",
                        column: x => x.matter_id,
                        principalTable: "guardianship_matters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_tenant_code_record_id",
                table: "audit_entries",
                columns: new[] { "tenant_code", "record_id" });

            migrationBuilder.CreateIndex(
                name: "ix_citizen_guardian_supports_citizen_guardian_id",
                table: "citizen_guardian_supports",
                column: "citizen_guardian_id");

            migrationBuilder.CreateIndex(
                name: "ix_citizen_guardian_trainings_citizen_guardian_id",
                table: "citizen_guardian_trainings",
                column: "citizen_guardian_id");

            migrationBuilder.CreateIndex(
                name: "ix_daily_life_support_contracts_tenant_code_status",
                table: "daily_life_support_contracts",
                columns: new[] { "tenant_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_daily_life_support_reviews_contract_id",
                table: "daily_life_support_reviews",
                column: "contract_id");

            migrationBuilder.CreateIndex(
                name: "ix_daily_life_support_visits_contract_id",
                table: "daily_life_support_visits",
                column: "contract_id");

            migrationBuilder.CreateIndex(
                name: "ix_fee_subsidy_applications_matter_id",
                table: "fee_subsidy_applications",
                column: "matter_id");

            migrationBuilder.CreateIndex(
                name: "ix_guardianship_matters_tenant_code_opened_on",
                table: "guardianship_matters",
                columns: new[] { "tenant_code", "opened_on" });

            migrationBuilder.CreateIndex(
                name: "ix_guardianship_matters_tenant_code_source_source_id",
                table: "guardianship_matters",
                columns: new[] { "tenant_code", "source", "source_id" },
                unique: true,
                filter: "source_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_guardianship_matters_tenant_code_support_case_id",
                table: "guardianship_matters",
                columns: new[] { "tenant_code", "support_case_id" });

            migrationBuilder.CreateIndex(
                name: "ix_matter_guardians_citizen_guardian_id",
                table: "matter_guardians",
                column: "citizen_guardian_id");

            migrationBuilder.CreateIndex(
                name: "ix_matter_guardians_matter_id",
                table: "matter_guardians",
                column: "matter_id");

            migrationBuilder.CreateIndex(
                name: "ix_matter_stage_changes_matter_id",
                table: "matter_stage_changes",
                column: "matter_id");

            migrationBuilder.CreateIndex(
                name: "ix_matter_stage_changes_stage_on",
                table: "matter_stage_changes",
                columns: new[] { "stage", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_unsent",
                table: "outbox_messages",
                column: "id",
                filter: "sent_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_person_aliases_tenant_code_person_id",
                table: "person_aliases",
                columns: new[] { "tenant_code", "person_id" });
            migrationBuilder.Sql(Jusou.ServiceKit.Audit.AuditEntry.AppendOnlySql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "citizen_guardian_supports");

            migrationBuilder.DropTable(
                name: "citizen_guardian_trainings");

            migrationBuilder.DropTable(
                name: "daily_life_support_reviews");

            migrationBuilder.DropTable(
                name: "daily_life_support_visits");

            migrationBuilder.DropTable(
                name: "fee_subsidy_applications");

            migrationBuilder.DropTable(
                name: "gaiji");

            migrationBuilder.DropTable(
                name: "idempotent_requests");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "matter_guardians");

            migrationBuilder.DropTable(
                name: "matter_stage_changes");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "person_aliases");

            migrationBuilder.DropTable(
                name: "withdrawn_sources");

            migrationBuilder.DropTable(
                name: "citizen_guardians");

            migrationBuilder.DropTable(
                name: "daily_life_support_contracts");

            migrationBuilder.DropTable(
                name: "guardianship_matters");
        }
    }
}
