using System.Net;
using System.Net.Http.Json;
using Jusou.Contracts.Intake;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.EndToEnd;

/// <summary>
/// The first flow, through the gateway: a consultation referred to 多機関協働 becomes a support case in MultiAgency.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ReferralFlowTests(SystemFixture system)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_referred_consultation_opens_one_support_case_on_the_support_meeting_track()
    {
        var tenant = Tenants.Fresh();
        var intakeWorker = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);

        var consultationId = await intakeWorker.ReferConsultation(sharingRule: "support_meeting", mainConcern: "8050");
        var supportCase = await Eventually.Get(() => coordinator.FindCase(consultationId), EventTimeout, "the support case");

        Assert.Equal("received", supportCase["status"]!.GetValue<string>());
        Assert.Equal("support_meeting", supportCase["track"]!.GetValue<string>());
        Assert.Equal("8050", supportCase["mainConcern"]!.GetValue<string>());

        var byId = await coordinator.GetAsync($"/api/multiagency/cases/{supportCase["id"]}");
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal(1, await Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM support_cases WHERE consultation_id = $1", consultationId));
    }

    [Fact]
    public async Task A_referral_shared_with_consent_is_on_the_consented_track()
    {
        var tenant = Tenants.Fresh();
        var consultationId = await system.Gateway(tenant, JusouRoles.IntakeWorker).ReferConsultation(sharingRule: "consent");
        var supportCase = await Eventually.Get(() => system.Gateway(tenant, JusouRoles.Coordinator).FindCase(consultationId),
            EventTimeout, "the support case");
        Assert.Equal("consented", supportCase["track"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_consultation_closed_with_advice_opens_no_case()
    {
        var tenant = Tenants.Fresh();
        var intakeWorker = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);

        var advice = await intakeWorker.PostAsJsonAsync("/api/intake/consultations",
            new { channel = "phone", disposition = "advice_closed" });
        Assert.Equal(HttpStatusCode.Created, advice.StatusCode);
        var adviceId = (await advice.ReadObject())["id"]!.GetValue<Guid>();

        // A referral recorded after it has crossed the bus, so the advice would have too, had it emitted anything.
        var referralId = await intakeWorker.ReferConsultation();
        await Eventually.Get(() => coordinator.FindCase(referralId), EventTimeout, "the referral's case");

        Assert.Null(await coordinator.FindCase(adviceId));
        Assert.Empty(await Events.Published<ConsultationReferred>(system, "intakedb", e => e.ConsultationId == adviceId));
        Assert.Single(await Events.Published<ConsultationClosed>(system, "intakedb", e => e.ConsultationId == adviceId));
    }

    [Fact]
    public async Task Another_tenant_sees_neither_the_consultation_nor_the_case()
    {
        var tenant = Tenants.Fresh();
        var consultationId = await system.Gateway(tenant, JusouRoles.IntakeWorker).ReferConsultation();
        var supportCase = await Eventually.Get(() => system.Gateway(tenant, JusouRoles.Coordinator).FindCase(consultationId),
            EventTimeout, "the support case");

        var otherCoordinator = system.Gateway(Tenants.Fresh(), JusouRoles.Coordinator);
        Assert.Null(await otherCoordinator.FindCase(consultationId));
        Assert.Equal(HttpStatusCode.NotFound, (await otherCoordinator.GetAsync($"/api/multiagency/cases/{supportCase["id"]}")).StatusCode);
        var otherIntake = await otherCoordinator.GetAsync($"/api/intake/consultations/{consultationId}");
        Assert.Equal(HttpStatusCode.NotFound, otherIntake.StatusCode);
        Assert.Equal("application/problem+json", otherIntake.Content.Headers.ContentType?.MediaType);

        // The owner still reads it.
        var own = await system.Gateway(tenant, JusouRoles.IntakeWorker).GetAsync($"/api/intake/consultations/{consultationId}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Cases_are_listed_in_pages()
    {
        var tenant = Tenants.Fresh();
        var intakeWorker = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await intakeWorker.ReferConsultation());
        foreach (var id in ids) await Eventually.Get(() => coordinator.FindCase(id), EventTimeout, "each case");

        var first = await (await coordinator.GetAsync("/api/multiagency/cases?pageSize=2")).ReadObject();
        Assert.Equal(2, first["items"]!.AsArray().Count);
        var token = first["nextPageToken"]!.GetValue<string>();
        var second = await (await coordinator.GetAsync($"/api/multiagency/cases?pageSize=2&pageToken={token}")).ReadObject();
        Assert.Single(second["items"]!.AsArray());
        Assert.Null(second["nextPageToken"]);

        var seen = first["items"]!.AsArray().Concat(second["items"]!.AsArray())
            .Select(c => c!["consultationId"]!.GetValue<Guid>()).ToHashSet();
        Assert.True(seen.SetEquals(ids));

        var tooBig = await coordinator.GetAsync("/api/multiagency/cases?pageSize=501");
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Contains("pageSize", await tooBig.Content.ReadAsStringAsync());
    }
}
