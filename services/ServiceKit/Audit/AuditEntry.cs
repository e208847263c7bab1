using System.Security.Claims;
using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Jusou.ServiceKit.Privacy;

namespace Jusou.ServiceKit.Audit;

/// <summary>
/// One access to a person's data: who (subject, role, organisation, tenant), what (action on which record), why
/// (purpose), under which rule, and the correlation id tying it to the request. Rows are only ever added: no API
/// changes them and the database refuses UPDATE and DELETE on the table.
/// </summary>
[PersonalDataFile("アクセス記録 (監査証跡)", "保有個人情報へのアクセスの記録と、漏えい等の確認 (個人情報保護法 第66条 安全管理措置)",
    "10年 (APIによる変更・削除不可、データベースが追記のみを強制)",
    Subjects = "アクセスした職員・関係機関の担当者", Sources = "システムが自動的に記録")]
public sealed class AuditEntry : ITenantOwned
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public DateTimeOffset At { get; private set; }
    public string Subject { get; private set; } = "";
    public string Role { get; private set; } = "";
    public string? Organisation { get; private set; }
    /// <summary>read, search, create, update, link, merge, withdraw, refer …</summary>
    public string Action { get; private set; } = "";
    /// <summary>person, household, consultation, consent …</summary>
    public string RecordType { get; private set; } = "";
    public Guid? RecordId { get; private set; }
    /// <summary>Why the data was used (X-Purpose header; 相談支援業務 unless said otherwise).</summary>
    public string Purpose { get; private set; } = "";
    /// <summary>Which rule allowed the access: role_in_tenant, consent, support_meeting (法106条の6) …</summary>
    public string Rule { get; private set; } = "";
    public string CorrelationId { get; private set; } = "";

    public const string PurposeHeader = "X-Purpose";
    public const string DefaultPurpose = "case_work";
    public const string RoleInTenant = "role_in_tenant";

    /// <summary>The audit row for what the caller of <paramref name="http"/> is doing now.</summary>
    public static AuditEntry For(HttpContext http, string action, string recordType, Guid? recordId, string rule = RoleInTenant)
    {
        var user = http.User;
        var purpose = http.Request.Headers[PurposeHeader].ToString();
        return new AuditEntry
        {
            At = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            Subject = user.FindFirstValue(JusouClaims.Subject) ?? "",
            Role = string.Join(",", user.FindAll(JusouClaims.Role).Select(c => c.Value)),
            Organisation = user.FindFirstValue(JusouClaims.Organisation),
            Action = action,
            RecordType = recordType,
            RecordId = recordId,
            Purpose = IsCode(purpose) ? purpose : DefaultPurpose,
            Rule = rule,
            CorrelationId = Jusou.ServiceDefaults.Http.CorrelationId.Of(http),
        };
    }

    private static bool IsCode(string value) =>
        value.Length is > 0 and <= 40 && value.All(c => char.IsAsciiLetterLower(c) || c is '_' || char.IsAsciiDigit(c));

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<AuditEntry>(audit =>
    {
        audit.ToTable("audit_entries");
        audit.Property(a => a.Subject).HasMaxLength(200);
        audit.Property(a => a.Role).HasMaxLength(200);
        audit.Property(a => a.Organisation).HasMaxLength(200);
        audit.Property(a => a.Action).HasMaxLength(40);
        audit.Property(a => a.RecordType).HasMaxLength(40);
        audit.Property(a => a.Purpose).HasMaxLength(40);
        audit.Property(a => a.Rule).HasMaxLength(40);
        audit.Property(a => a.CorrelationId).HasMaxLength(64);
        audit.HasIndex(a => new { a.TenantCode, a.RecordId });
    });

    /// <summary>SQL for a migration: the database itself keeps the audit trail append-only.</summary>
    public const string AppendOnlySql = """
        CREATE OR REPLACE FUNCTION audit_entries_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP;
        END $$;
        CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
          FOR EACH ROW EXECUTE FUNCTION audit_entries_are_append_only();
        CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
          FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_are_append_only();
        """;
}
