using Jusou.Contracts.CommunityResources;
using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Outreach;

/// <summary>Targets opened through the real broker: 気になる人 reports, approved plan actions, intake referrals — each once.</summary>
[Collection(SystemCollection.Name)]
public sealed class TargetSourceTests(SystemFixture system)
{
    [Fact]
    public async Task A_concern_report_opens_one_target_through_the_bus_however_often_it_arrives()
    {
        var tenant = Tenants.Fresh();
        var reportId = Guid.CreateVersion7();
        var reported = new ConcernReported(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, reportId, "aozasa", "minsei_iin",
            ["8050", "social_isolation"], "high");
        var sameReportAgain = reported with { EventId = Guid.CreateVersion7() };

        await system.Publish(reported, reported /* a redelivery */, sameReportAgain);

        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var target = await coordinator.TargetFrom("concern_report", reportId);
        Assert.Equal("identified", target.Text("stage"));
        Assert.Equal("minsei_iin", target.Text("raisedBy"));
        Assert.Equal("high", target.Text("riskLevel"));
        Assert.Equal("aozasa", target.Text("districtCode"));
        Assert.Equal(["8050", "social_isolation"], target["concernCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("event:concern_report", target.Text("openedBy"));

        await system.Handled("outreachdb", "ConcernReportedConsumer", reported.EventId);
        await system.Handled("outreachdb", "ConcernReportedConsumer", sameReportAgain.EventId);
        Assert.Equal(1, await system.Rows("targets", tenant));
        var opened = Assert.Single(await system.EventPayloads(tenant, "OutreachTargetOpened"));
        Assert.Equal("concern_report", opened.Text("Source"));
        Assert.Equal(reportId, opened.Id("SourceId"));
    }

    [Fact]
    public async Task An_approved_outreach_plan_action_opens_a_target_for_its_case_and_other_kinds_open_nothing()
    {
        var tenant = Tenants.Fresh();
        var caseId = Guid.CreateVersion7();
        var dueOn = OutreachClient.TodayInJapan.AddDays(14);
        var outreach = new SupportPlanActionApproved(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, caseId, Guid.CreateVersion7(),
            Guid.CreateVersion7(), "outreach", "tono-outreach", dueOn, Guid.CreateVersion7(), "tsuchibuchi", ["social_isolation"], "support_meeting");
        var participation = outreach with { EventId = Guid.CreateVersion7(), ActionId = Guid.CreateVersion7(), Kind = "participation" };

        var sameActionAgain = outreach with { EventId = Guid.CreateVersion7() };
        await system.Publish(participation, outreach, sameActionAgain);

        var worker = system.Worker(tenant);
        var target = await worker.TargetFrom("plan_action", outreach.ActionId);
        Assert.Equal(caseId, target.Id("supportCaseId"));
        Assert.Equal(outreach.PersonId, target.Id("personId"));
        Assert.Equal("support_meeting", target.Text("raisedBy"));
        Assert.Equal(dueOn, target.Date("nextContactOn"));

        foreach (var handled in new[] { participation, outreach, sameActionAgain })
        {
            await system.Handled("outreachdb", "SupportPlanActionApprovedConsumer", handled.EventId);
        }
        Assert.Equal(1, await system.Rows("targets", tenant));
        var opened = Assert.Single(await system.EventPayloads(tenant, "OutreachTargetOpened"));
        Assert.Equal(caseId, opened.Id("SupportCaseId"));
    }

    [Fact]
    public async Task A_consultation_referred_to_outreach_opens_one_target()
    {
        var tenant = Tenants.Fresh();
        var referral = new ConsultationReferredToOutreach(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, Guid.CreateVersion7(),
            null, "aozasa", "8050", "support_meeting");

        var sameReferralAgain = referral with { EventId = Guid.CreateVersion7() };
        await system.Publish(referral, sameReferralAgain);

        var target = await system.Worker(tenant).TargetFrom("intake_referral", referral.ConsultationId);
        Assert.Equal("intake", target.Text("raisedBy"));
        Assert.Equal(["8050"], target["concernCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Null(target["assignedWorker"]);
        await system.Handled("outreachdb", "ConsultationReferredToOutreachConsumer", referral.EventId);
        await system.Handled("outreachdb", "ConsultationReferredToOutreachConsumer", sameReferralAgain.EventId);
        Assert.Equal(1, await system.Rows("targets", tenant));
    }
}
