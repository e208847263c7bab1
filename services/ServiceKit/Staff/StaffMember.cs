using Jusou.ServiceKit.Privacy;
using Jusou.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;

namespace Jusou.ServiceKit.Staff;

/// <summary>
/// A member of staff as the forms print them: records keep who acted by the token's subject (<c>sub</c>, an id the
/// identity provider owns), and this service remembers the display name (<c>name</c>) each subject's token carried
/// when they last wrote here, so the インテークシート says 受付者 遠野 花子 rather than an id. No staff register is
/// kept by hand: the identity provider is the register (<see cref="ServiceDbContext.KnowsStaff"/>).
/// </summary>
[PersonalDataFile("職員表示名ファイル", "様式に記録者・受付者の氏名を印字するため", "在職中(更新のつど上書き)",
    Subjects = "記録を行った職員", Sources = "職員のアクセストークン (name クレーム)")]
public sealed class StaffMember : ITenantOwned
{
    public string TenantCode { get; set; } = "";
    public string Subject { get; init; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset SeenAt { get; set; }

    /// <summary>How a form prints a member of staff: their name, or the subject id when no token of theirs carried one.</summary>
    public static async Task<Func<string?, string?>> NamesOf(ServiceDbContext db, IEnumerable<string?> subjects, CancellationToken cancellationToken)
    {
        var wanted = subjects.OfType<string>().Distinct().ToList();
        var names = await db.Set<StaffMember>().AsNoTracking().Where(s => wanted.Contains(s.Subject))
            .ToDictionaryAsync(s => s.Subject, s => s.Name, cancellationToken);
        return subject => subject is null ? null : names.GetValueOrDefault(subject, subject);
    }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<StaffMember>(staff =>
    {
        staff.ToTable("staff_members");
        staff.HasKey(s => new { s.TenantCode, s.Subject });
        staff.Property(s => s.Subject).HasMaxLength(200);
        staff.Property(s => s.Name).HasMaxLength(100);
    });
}

/// <summary>Remembering staff names as they write.</summary>
public static class StaffNames
{
    // (tenant, subject) → the name last stored by this process: the upsert runs once per person and name change, not per request.
    private static readonly ConcurrentDictionary<(string Tenant, string Subject), string> Stored = new();

    /// <summary>
    /// Every write (not GET/HEAD) through <paramref name="api"/> by a token that carries a <c>name</c> stores that
    /// name for the token's subject, before the operation runs, in its own statement.
    /// </summary>
    public static RouteGroupBuilder RemembersStaffNames<TDb>(this RouteGroupBuilder api) where TDb : ServiceDbContext
    {
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                await Remember(http.RequestServices.GetRequiredService<TDb>(), http, http.RequestAborted);
            }
            return await next(context);
        });
        return api;
    }

    private static async Task Remember(ServiceDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var user = http.User;
        var name = user.FindFirst(JusouClaims.Name)?.Value?.Trim();
        var subject = user.SubjectId();
        var tenant = db.Tenant.Code;
        if (string.IsNullOrEmpty(name) || subject.Length == 0 || tenant is null || tenant == JusouClaims.OperatorTenant) return;
        // Only what fits the columns and PostgreSQL's text (no NUL, no control characters): a token is not a form.
        if (name.Length > 100 || subject.Length > 200 || name.Any(char.IsControl) || subject.Any(char.IsControl)) return;
        if (Stored.TryGetValue((tenant, subject), out var stored) && stored == name) return;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO staff_members (tenant_code, subject, name, seen_at) VALUES ({tenant}, {subject}, {name}, {now})
            ON CONFLICT (tenant_code, subject) DO UPDATE SET name = EXCLUDED.name, seen_at = EXCLUDED.seen_at
            """, cancellationToken);
        Stored[(tenant, subject)] = name;
    }
}
