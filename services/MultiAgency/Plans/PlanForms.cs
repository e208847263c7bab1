using Jusou.ServiceKit.Staff;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Reports;

namespace Jusou.MultiAgency.Plans;

/// <summary>
/// The national forms of a plan version: プラン兼事業等利用申込書 (the plan with its 役割分担, the 参加支援 / アウトリーチ
/// boxes ticked from its actions, and the places to sign — the person's 申込 and consent, the coordinator, the meeting's
/// approval) and 評価シート (each goal's result, the next step). Printable HTML or PDF (?format=html|pdf); each print is
/// audited like a read of the plan.
/// </summary>
public static class PlanForms
{
    public static Task<Results<PrintedPageResult, NotFound, ValidationProblem>> Plan(Guid id, Guid planId, string? format, MultiAgencyDbContext db,
        HttpContext http, CancellationToken cancellationToken) =>
        Render(id, planId, format, db, http, "plan", (supportCase, plan, staff) =>
        {
            var page = new PrintablePage("多機関協働事業 プラン兼事業等利用申込書").Confidential();
            Header(page, supportCase, plan, staff);
            page.Heading("利用を申し込む事業(該当に○)").Checks(PlanCodes.ActionKinds.Select(kind =>
                (kind.Value, plan.Actions.Any(a => a.Kind == kind.Key) ? "○" : "")));
            page.Heading("目標・支援の方向性").Table(["区分", "内容"], plan.Goals.OrderBy(g => g.Position)
                .Select(g => (IReadOnlyList<string?>)[Label(PlanCodes.GoalTerms, g.Term), g.Text]));
            page.Heading("役割分担").Table(["事業", "担当機関", "支援内容", "期日"], plan.Actions.OrderBy(a => a.Position)
                .Select(a => (IReadOnlyList<string?>)[Label(PlanCodes.ActionKinds, a.Kind), a.OrganisationCode, a.Description,
                    a.DueOn is { } due ? JapanDate.InWareki(due) : ""]));
            page.Fields(("見直し予定日", plan.ReviewOn is { } review ? JapanDate.InWareki(review) : ""),
                ("承認", plan.ApprovedOn is { } approved ? $"{JapanDate.InWareki(approved)} 会議にて承認" : "未承認(案)"));
            page.Paragraph("上記のプランに基づく事業等の利用を申し込みます。また、このプランの実施に必要な範囲で、私の情報を上記の担当機関が共有することに同意します。", "note");
            return page.Signatures("申込日", "本人 署名", "代理人 署名(続柄)", "作成者(響働コーディネーター等) 署名", "重層的支援会議 確認日");
        }, cancellationToken);

    public static Task<Results<PrintedPageResult, NotFound, ValidationProblem>> Evaluation(Guid id, Guid planId, string? format, MultiAgencyDbContext db,
        HttpContext http, CancellationToken cancellationToken) =>
        Render(id, planId, format, db, http, "evaluation", (supportCase, plan, staff) =>
        {
            var page = new PrintablePage("評価シート").Confidential();
            Header(page, supportCase, plan, staff);
            page.Fields(("評価日", plan.EvaluatedOn is { } on ? $"{JapanDate.InWareki(on)}({on:yyyy-MM-dd})" : "(未評価)"),
                ("評価者", staff(plan.EvaluatedBy)), ("今後の方針", Label(PlanCodes.NextSteps, plan.NextStep)), ("所見", plan.EvaluationNote));
            page.Heading("目標ごとの評価").Table(["区分", "目標", "結果", "説明"], plan.Goals.OrderBy(g => g.Position)
                .Select(g => (IReadOnlyList<string?>)[Label(PlanCodes.GoalTerms, g.Term), g.Text, Label(PlanCodes.GoalResults, g.Result), g.ResultNote]));
            page.Heading("役割分担の実施状況").Table(["事業", "担当機関", "支援内容"], plan.Actions.OrderBy(a => a.Position)
                .Select(a => (IReadOnlyList<string?>)[Label(PlanCodes.ActionKinds, a.Kind), a.OrganisationCode, a.Description]));
            return page.Signatures("評価者 署名", "重層的支援会議 確認日");
        }, cancellationToken);

    private static async Task<Results<PrintedPageResult, NotFound, ValidationProblem>> Render(Guid id, Guid planId, string? format,
        MultiAgencyDbContext db, HttpContext http, string form, Func<SupportCase, SupportPlan, Func<string?, string?>, PrintablePage> fill, CancellationToken cancellationToken)
    {
        var output = format ?? "html";
        var validation = new Validation().OneOf("format", output, PrintablePage.Formats);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (await CaseAccess.FindHead(db, http, id, tracking: false, cancellationToken) is not { } supportCase) return TypedResults.NotFound();
        var plan = await db.SupportPlans.AsNoTracking().Include(p => p.Goals).Include(p => p.Actions)
            .FirstOrDefaultAsync(p => p.Id == planId && p.CaseId == supportCase.Id, cancellationToken);
        if (plan is null) return TypedResults.NotFound();
        var staff = await StaffMember.NamesOf(db, [plan.CreatedBy, plan.EvaluatedBy], cancellationToken);
        db.AuditEntries.Add(CaseAccess.Audit(http, "print", "support_plan", supportCase));
        await db.SaveChangesAsync(cancellationToken);
        return fill(supportCase, plan, staff).ToResult(output, $"{form}-{planId}");
    }

    private static void Header(PrintablePage page, SupportCase supportCase, SupportPlan plan, Func<string?, string?> staff) =>
        page.Fields(("ケース番号", supportCase.Id.ToString()), ("プラン", $"第{plan.Number}版({Label(PlanCodes.Statuses, plan.Status)})"),
            ("作成日", JapanDate.InWareki(JapanDate.Of(plan.CreatedAt))), ("作成者", staff(plan.CreatedBy)),
            ("相談内容(主なもの)", Label(ReportLabels.Concerns, supportCase.MainConcern)),
            ("世帯類型", Label(ReportLabels.HouseholdTypes, supportCase.HouseholdType)));

    private static string Label(IReadOnlyDictionary<string, string> table, string? code) =>
        code is null ? "" : table.GetValueOrDefault(code, code);
}
