using Jusou.ServiceDefaults;
using System.Globalization;
using System.Net;
using System.Text;
using Jusou.Intake.Codes;
using Jusou.Messaging.Audit;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Intake.Consultations;

/// <summary>
/// インテークシート: a consultation as the printable page staff file or hand over, in the shape of the national form —
/// 相談内容 marked ◎ (main) and ○ (others), dates in 和暦 as well as ISO. Every printing is audited like a read.
/// </summary>
public static class IntakeSheet
{

    public static async Task<IResult> Render(Guid id, IntakeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var consultation = await ConsultationEndpoints.Load(db, http, id, tracking: false, cancellationToken);
        if (consultation is null) return TypedResults.NotFound();
        var person = consultation.PersonId is { } personId
            ? await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken)
            : null;
        db.AuditEntries.Add(AuditEntry.For(http, "print", "consultation", id));
        if (person is not null) db.AuditEntries.Add(AuditEntry.For(http, "print", "person", person.Id));
        await db.SaveChangesAsync(cancellationToken);

        var html = new StringBuilder();
        html.Append("""
            <!doctype html><html lang="ja"><head><meta charset="utf-8"><title>インテークシート</title>
            <style>
              body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; margin: 2rem; color: #111; }
              h1 { font-size: 1.4rem; border-bottom: 2px solid #111; padding-bottom: .3rem; }
              table { border-collapse: collapse; width: 100%; margin: .8rem 0; }
              th, td { border: 1px solid #555; padding: .3rem .5rem; text-align: left; vertical-align: top; }
              th { background: #eee; width: 11rem; font-weight: normal; }
              .concerns td { width: 2rem; text-align: center; }
              .confidential { font-size: .8rem; color: #a00; }
              @media print { body { margin: 0; } @page { size: A4; margin: 15mm; } .no-print { display: none; } }
            </style></head><body>
            <p class="confidential">取扱注意(個人情報)— 目的外利用・第三者提供禁止</p>
            <h1>インテークシート(相談受付票)</h1>
            """);
        html.Append("<table>");
        Row(html, "受付日時", DateTimes(consultation.ReceivedAt));
        Row(html, "受付方法", Label(IntakeCodes.Channels, consultation.Channel));
        Row(html, "相談経路", Label(IntakeCodes.ReferralRoutes, consultation.ReferralRoute));
        Row(html, "来談者", Label(IntakeCodes.Visitors, consultation.Visitor));
        Row(html, "様式", Label(IntakeCodes.ConsentPaths, consultation.ConsentPath));
        Row(html, "受付者", $"{consultation.RecordedBy}{(consultation.OrganisationCode is null ? "" : $"({consultation.OrganisationCode})")}");
        html.Append("</table><h2>本人</h2><table>");
        Row(html, "氏名", person?.Name ?? "(匿名・未確認)");
        Row(html, "フリガナ", person?.NameKana ?? "");
        Row(html, "生年月日", person?.BirthDate is { } born ? $"{JapanDate.InWareki(born)}({born:yyyy-MM-dd})" : "");
        Row(html, "住所", person?.Address ?? "");
        Row(html, "地区", person?.DistrictCode ?? consultation.DistrictCode ?? "");
        Row(html, "連絡先", person?.Phone ?? "");
        html.Append("</table><h2>相談内容(◎主なもの ○その他)</h2><table class=\"concerns\">");
        foreach (var (code, label) in IntakeCodes.Concerns)
        {
            var mark = code == consultation.MainConcern ? "◎" : consultation.SecondaryConcerns.Contains(code) ? "○" : "";
            html.Append($"<tr><td>{mark}</td><th style=\"width:auto\">{Encode(label)}</th></tr>");
        }
        html.Append("</table><h2>相談の概要</h2><table>");
        Row(html, "概要", consultation.Summary ?? "");
        Row(html, "対応", Label(IntakeCodes.Dispositions, consultation.Disposition));
        Row(html, "情報共有の根拠", Label(IntakeCodes.SharingRules, consultation.SharingRule));
        Row(html, "状態", Label(IntakeCodes.ConsultationStatuses, consultation.Status));
        html.Append("</table>");
        if (consultation.FollowUps.Count > 0)
        {
            html.Append("<h2>継続相談</h2><table>");
            foreach (var followUp in consultation.FollowUps.OrderBy(f => f.At))
            {
                Row(html, DateTimes(followUp.At), $"{Label(IntakeCodes.Channels, followUp.Channel)} {followUp.Note}");
            }
            html.Append("</table>");
        }
        html.Append("</body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append($"<tr><th>{Encode(label)}</th><td>{Encode(value)}</td></tr>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Label(IReadOnlyDictionary<string, string> table, string? code) =>
        code is null ? "" : table.TryGetValue(code, out var label) ? label : code;

    // Staff read times in Japan Standard Time; the API itself stays in UTC.
    private static string DateTimes(DateTimeOffset at)
    {
        var jst = at.ToOffset(JapanDate.Offset);
        return $"{JapanDate.InWareki(DateOnly.FromDateTime(jst.DateTime))} {jst:H:mm}({jst:yyyy-MM-dd HH:mm} JST)";
    }
}
