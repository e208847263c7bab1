using Jusou.Intake.Codes;
using Jusou.Messaging.Audit;
using Jusou.ServiceDefaults;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Intake.Consultations;

/// <summary>
/// インテークシート: a consultation as the printable page staff file or hand over, in the shape of the national form —
/// 相談内容 marked ◎ (main) and ○ (others), 世帯構成 from the person's household, dates in 和暦 as well as ISO; as
/// HTML (?format=html, the default) or the same page as a PDF (?format=pdf). Every printing is audited like a read.
/// </summary>
public static class IntakeSheet
{
    public static async Task<Results<PrintedPageResult, NotFound, ValidationProblem>> Render(Guid id, string? format, IntakeDbContext db,
        HttpContext http, CancellationToken cancellationToken)
    {
        var output = format ?? "html";
        var validation = new Validation().OneOf("format", output, PrintablePage.Formats);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var consultation = await ConsultationEndpoints.Load(db, http, id, tracking: false, cancellationToken);
        if (consultation is null) return TypedResults.NotFound();
        var person = consultation.PersonId is { } personId
            ? await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken)
            : null;
        // 世帯構成: the other members of the person's household, with their relationship to the person's household.
        var household = person is null
            ? null
            : await db.Households.AsNoTracking().Include(h => h.Members)
                .FirstOrDefaultAsync(h => h.Members.Any(m => m.PersonId == person.Id), cancellationToken);
        var memberIds = household?.Members.Select(m => m.PersonId).ToList() ?? [];
        var members = await db.Persons.AsNoTracking().Where(p => memberIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        db.AuditEntries.Add(AuditEntry.For(http, "print", "consultation", id));
        if (person is not null) db.AuditEntries.Add(AuditEntry.For(http, "print", "person", person.Id));
        foreach (var member in members.Keys.Where(m => m != person?.Id)) db.AuditEntries.Add(AuditEntry.For(http, "print", "person", member));
        await db.SaveChangesAsync(cancellationToken);

        var page = new PrintablePage("インテークシート(相談受付票)").Confidential();
        page.Fields(
            ("受付日時", DateTimes(consultation.ReceivedAt)),
            ("受付方法", Label(IntakeCodes.Channels, consultation.Channel)),
            ("相談経路", Label(IntakeCodes.ReferralRoutes, consultation.ReferralRoute)),
            ("来談者", Label(IntakeCodes.Visitors, consultation.Visitor)),
            ("様式", Label(IntakeCodes.ConsentPaths, consultation.ConsentPath)),
            ("受付者", consultation.RecordedBy + (consultation.OrganisationCode is null ? "" : $"({consultation.OrganisationCode})")));
        page.Heading("本人").Fields(
            ("氏名", person?.Name ?? "(匿名・未確認)"),
            ("フリガナ", person?.NameKana),
            ("生年月日", person?.BirthDate is { } born ? $"{JapanDate.InWareki(born)}({born:yyyy-MM-dd})" : null),
            ("住所", person?.Address),
            ("地区", person?.DistrictCode ?? consultation.DistrictCode),
            ("連絡先", person?.Phone));
        page.Heading("世帯構成");
        if (household is null) page.Paragraph("(世帯の記録なし)");
        else
        {
            page.Paragraph($"世帯類型: {Label(IntakeCodes.HouseholdTypes, household.HouseholdType)} ・ 人数: {household.Members.Count}人");
            page.Table(["氏名", "続柄", "生年月日"], household.Members.Select(m =>
            {
                var member = members.GetValueOrDefault(m.PersonId);
                return (IReadOnlyList<string?>)[member?.Name ?? "", Label(IntakeCodes.Relationships, m.Relationship),
                    member?.BirthDate is { } date ? JapanDate.InWareki(date) : ""];
            }));
        }
        page.Heading("相談内容(◎主なもの ○その他)").Checks(IntakeCodes.Concerns.Select(concern =>
            (concern.Value, concern.Key == consultation.MainConcern ? "◎" : consultation.SecondaryConcerns.Contains(concern.Key) ? "○" : "")));
        page.Heading("相談の概要").Fields(
            ("概要", consultation.Summary),
            ("対応", Label(IntakeCodes.Dispositions, consultation.Disposition)),
            ("情報共有の根拠", Label(IntakeCodes.SharingRules, consultation.SharingRule)),
            ("状態", Label(IntakeCodes.ConsultationStatuses, consultation.Status)));
        if (consultation.FollowUps.Count > 0)
        {
            page.Heading("継続相談").Fields(consultation.FollowUps.OrderBy(f => f.At)
                .Select(f => (DateTimes(f.At), (string?)$"{Label(IntakeCodes.Channels, f.Channel)} {f.Note}")));
        }
        return page.ToResult(output, $"intake-sheet-{id}");
    }

    private static string Label(IReadOnlyDictionary<string, string> table, string? code) =>
        code is null ? "" : table.TryGetValue(code, out var label) ? label : code;

    // Staff read times in Japan Standard Time; the API itself stays in UTC.
    private static string DateTimes(DateTimeOffset at)
    {
        var jst = at.ToOffset(JapanDate.Offset);
        return $"{JapanDate.InWareki(DateOnly.FromDateTime(jst.DateTime))} {jst:H:mm}({jst:yyyy-MM-dd HH:mm} JST)";
    }
}
