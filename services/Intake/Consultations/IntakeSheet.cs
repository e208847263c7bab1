using Jusou.Intake.Persons;
using Jusou.Intake.Codes;
using Jusou.ServiceKit.Areas;
using Jusou.ServiceKit.Staff;

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
        if (await Load(db, http, id, cancellationToken) is not Printed(var consultation, var person, var staff, var district)) return TypedResults.NotFound();
        // 世帯構成: the other members of the person's household, with their relationship to the person's household.
        var household = person is null
            ? null
            : await db.Households.AsNoTracking().Include(h => h.Members)
                .FirstOrDefaultAsync(h => h.Members.Any(m => m.PersonId == person.Id), cancellationToken);
        var memberIds = household?.Members.Select(m => m.PersonId).ToList() ?? [];
        var members = await db.Persons.AsNoTracking().Where(p => memberIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        foreach (var member in members.Keys.Where(m => m != person?.Id)) db.AuditEntries.Add(AuditEntry.For(http, "print", "person", member));
        await db.SaveChangesAsync(cancellationToken);

        var page = new PrintablePage("インテークシート(相談受付票)").Confidential();
        page.Fields(
            ("受付日時", DateTimes(consultation.ReceivedAt)),
            ("受付方法", Label(IntakeCodes.Channels, consultation.Channel)),
            ("相談経路", Label(IntakeCodes.ReferralRoutes, consultation.ReferralRoute)),
            ("来談者", Label(IntakeCodes.Visitors, consultation.Visitor)),
            ("様式", Label(IntakeCodes.ConsentPaths, consultation.ConsentPath)),
            ("受付者", staff(consultation.RecordedBy) + (consultation.OrganisationCode is null ? "" : $"({consultation.OrganisationCode})")));
        page.Heading("本人").Fields(
            ("氏名", person?.Name ?? "(匿名・未確認)"),
            ("フリガナ", person?.NameKana),
            ("生年月日", person?.BirthDate is { } born ? $"{JapanDate.InWareki(born)}({born:yyyy-MM-dd})" : null),
            ("住所", person?.Address),
            ("地区", district),
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
                .Select(f => (DateTimes(f.At), (string?)$"{Label(IntakeCodes.Channels, f.Channel)} {f.Note}(記録: {staff(f.RecordedBy)})")));
        }
        return page.ToResult(output, $"intake-sheet-{id}");
    }

    /// <summary>
    /// 相談受付・申込票 in the version the consultation was received under (?version=with_consent|without_consent to choose):
    /// 本人同意あり carries the 申込 and the consent to share with the places to sign; 本人同意なし says the case is shared
    /// only inside the 支援会議 (社会福祉法 第106条の6) and is signed by the staff member who received it.
    /// </summary>
    public static async Task<Results<PrintedPageResult, NotFound, ValidationProblem>> ApplicationForm(Guid id, string? version, string? format,
        IntakeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var output = format ?? "html";
        var validation = new Validation().OneOf("format", output, PrintablePage.Formats).OneOf("version", version, IntakeCodes.ConsentPaths);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (await Load(db, http, id, cancellationToken) is not Printed(var consultation, var person, var staff, var district)) return TypedResults.NotFound();
        await db.SaveChangesAsync(cancellationToken);

        var consented = (version ?? consultation.ConsentPath ?? "without_consent") == "with_consent";
        var page = new PrintablePage($"相談受付・申込票({(consented ? "本人同意あり" : "本人同意なし")})").Confidential()
            .Fields(("受付日", DateTimes(consultation.ReceivedAt)), ("受付方法", Label(IntakeCodes.Channels, consultation.Channel)),
                ("来談者", Label(IntakeCodes.Visitors, consultation.Visitor)), ("相談経路", Label(IntakeCodes.ReferralRoutes, consultation.ReferralRoute)),
                ("受付者", staff(consultation.RecordedBy)));
        page.Heading("本人").Fields(("氏名", person?.Name ?? "(匿名・未確認)"), ("フリガナ", person?.NameKana),
            ("生年月日", person?.BirthDate is { } born ? JapanDate.InWareki(born) : null), ("住所", person?.Address), ("地区", district), ("連絡先", person?.Phone));
        page.Heading("相談内容(◎主なもの ○その他)").Checks(IntakeCodes.Concerns.Select(concern =>
            (concern.Value, concern.Key == consultation.MainConcern ? "◎" : consultation.SecondaryConcerns.Contains(concern.Key) ? "○" : "")));
        page.Heading("相談の概要").Fields(("概要", consultation.Summary));
        if (consented)
        {
            page.Heading("申込・同意").Paragraph("重層的支援体制整備事業による支援を申し込みます。支援に必要な範囲で、私の相談内容と個人情報を関係機関が共有し、支援会議・重層的支援会議で検討することに同意します。", "note")
                .Signatures("申込日", "本人 署名", "代理人 署名(本人との関係)");
        }
        else
        {
            page.Heading("情報共有について").Paragraph("本人の同意を得ていないため、この相談の情報は守秘義務のある支援会議(社会福祉法第106条の6)の中でのみ共有します。同意を得たときは本人同意ありの票に改めます。", "note")
                .Signatures("受付者 署名");
        }
        return page.ToResult(output, $"application-form-{id}");
    }

    /// <summary>What both forms print of a consultation.</summary>
    private sealed record Printed(Consultation Consultation, Person? Person, Func<string?, string?> Staff, string? District);

    /// <summary>
    /// The consultation (null when the caller may not see it), its person, the names its staff and 地区 print as, and
    /// the print's audit rows for the consultation and the person, saved with whatever else the form audits.
    /// </summary>
    private static async Task<Printed?> Load(IntakeDbContext db, HttpContext http, Guid id, CancellationToken cancellationToken)
    {
        var consultation = await ConsultationEndpoints.Load(db, http, id, tracking: false, cancellationToken);
        if (consultation is null) return null;
        var person = consultation.PersonId is { } personId
            ? await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken)
            : null;
        var staff = await StaffMember.NamesOf(db, consultation.FollowUps.Select(f => f.RecordedBy).Append(consultation.RecordedBy), cancellationToken);
        var district = await KnownArea.NameOf(db, person?.DistrictCode ?? consultation.DistrictCode, cancellationToken);
        db.AuditEntries.Add(AuditEntry.For(http, "print", "consultation", id));
        if (person is not null) db.AuditEntries.Add(AuditEntry.For(http, "print", "person", person.Id));
        return new Printed(consultation, person, staff, district);
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
