using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;
using Jusou.Tests.MultiAgency.Cases;
using Microsoft.Playwright;

namespace Jusou.Tests.Web;

/// <summary>今日の仕事 of a partner organisation: it answers a つなぎ sent to it (受ける) and a 役割分担 handed to it (引き受ける).</summary>
[Collection(SystemCollection.Name)]
public sealed class ConsoleTodayAnswerTests(SystemFixture system)
{
    private const string Partner = "org-3";

    [Fact]
    public async Task A_partner_organisation_answers_a_referral_and_a_task_on_its_today_page()
    {
        var tenant = await system.FreshTenantWith("kyodo-centre");
        // A hand-off: the plan's fourth action (kind other) goes to org-3 when the plan is approved.
        var (caseId, planId, etag) = await system.CaseWithDraft(tenant, actions: 4);
        var coordinator = system.Coordinator(tenant);
        await (await coordinator.Approve(caseId, planId, etag)).Expect(HttpStatusCode.OK);
        // A つなぎ to org-3, with the person's consent.
        using var intake = system.Gateway(tenant, JusouRoles.IntakeWorker, organisation: "kyodo-centre");
        var person = await intake.NewPersonId();
        await intake.RecordConsent(person, [Partner], "referral");
        await intake.NewConsultation(new
        {
            channel = "counter", personId = person, mainConcern = "debt",
            disposition = "referred_to_agency", sharingRule = "consent", referredOrganisationCode = Partner, referralReason = "債務整理の相談",
        });

        var (context, page) = await ConsolePages.SignedIn(system, tenant, JusouRoles.AgencyStaff, Partner, "staff-1", "協力 三郎");
        await using var _ = context;
        var referral = page.Locator("#today-referrals + ul > li", new() { HasText = "債務整理の相談" });
        await page.ReloadUntilVisible(referral, TimeSpan.FromSeconds(30));
        await referral.GetByLabel("回答（任意・相手に伝わります）").FillAsync("担当者を決めました");
        await referral.GetByRole(AriaRole.Button, new() { Name = "受ける", Exact = true }).ClickAsync();
        await page.GetByText("つなぎを受けました。").WaitForAsync();
        await Assertions.Expect(page.Locator("#today-referrals + ul > li", new() { HasText = "債務整理の相談" })).ToHaveCountAsync(0);

        var task = page.Locator("#today-tasks + ul > li", new() { HasText = "支援 3" });
        await task.GetByRole(AriaRole.Button, new() { Name = "引き受ける", Exact = true }).ClickAsync();
        await page.GetByText("依頼を引き受けました。").WaitForAsync();
        await page.Screenshot("12-today-partner-answered");

        var agency = system.Agency(tenant, Partner);
        var referrals = await (await agency.GetAsync("/api/intake/referrals?status=accepted")).Expect(HttpStatusCode.OK);
        Assert.Equal("担当者を決めました", Assert.Single(referrals.Items("items"))["answer"]!.GetValue<string>());
        var tasks = await (await coordinator.GetAsync($"/api/multiagency/tasks?caseId={caseId}&organisationCode={Partner}")).Expect(HttpStatusCode.OK);
        Assert.Equal("accepted", Assert.Single(tasks.Items("items"))["status"]!.GetValue<string>());
    }
}
