using System.Net;
using System.Net.Http.Json;
using Jusou.Contracts.Outreach;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using MassTransit;

namespace Jusou.Tests.Intake;

[Collection(SystemCollection.Name)]
public sealed class HandOffAndVisibilityTests(SystemFixture system)
{
    [Fact]
    public async Task An_outreach_hand_off_becomes_one_open_consultation_however_often_it_arrives()
    {
        var tenant = Tenants.Fresh();
        var targetId = Guid.CreateVersion7();
        var handOff = new OutreachHandedOff(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, targetId, "tono-district-03", "social_isolation", ConsentRecorded: true);
        var sameTargetAgain = handOff with { EventId = Guid.CreateVersion7() };

        await system.Publish(handOff, handOff /* a redelivery */, sameTargetAgain);

        var worker = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var consultation = await Eventually.Get(async () =>
            (await (await worker.GetAsync(IntakeClient.Consultations)).OkObject()).Items().FirstOrDefault(), TimeSpan.FromSeconds(20),
            "the hand-off's consultation");
        Assert.Equal("outreach", consultation.Text("source"));
        Assert.Equal(targetId, consultation.Id("sourceId"));
        Assert.Equal("open", consultation.Text("status"));
        Assert.Equal("with_consent", consultation.Text("consentPath"));
        Assert.Equal("social_isolation", consultation.Text("mainConcern"));

        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a duplicate, were there one
        Assert.Equal(1, await system.Rows("consultations", tenant));
    }

    [Fact]
    public async Task A_partner_agency_sees_the_persons_it_recorded_and_those_referred_to_it_but_no_others()
    {
        var tenant = await system.FreshTenantWith("tono-shakyo");
        var city = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var shakyo = system.Agency(tenant, "tono-shakyo");
        var other = system.Agency(tenant, "tono-npo");

        var recordedByShakyo = await shakyo.NewPersonId("社協 記録", "シャキョウ キロク");
        var referredToShakyo = await city.NewPersonId("紹介 先子", "ショウカイ サキコ");
        var cityOnly = await city.NewPersonId("市 内部", "シ ナイブ");
        await city.RecordConsent(referredToShakyo, ["tono-shakyo"], "referral");
        await (await city.PostAsJsonAsync(IntakeClient.Consultations, new
        {
            channel = "counter",
            personId = referredToShakyo,
            disposition = "referred_to_agency",
            sharingRule = "consent",
            referredOrganisationCode = "tono-shakyo",
        })).CreatedObject();

        Assert.Equal(HttpStatusCode.OK, (await shakyo.GetAsync($"{IntakeClient.Persons}/{recordedByShakyo}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shakyo.GetAsync($"{IntakeClient.Persons}/{referredToShakyo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shakyo.GetAsync($"{IntakeClient.Persons}/{cityOnly}")).StatusCode);
        var seen = (await (await shakyo.GetAsync(IntakeClient.Persons)).OkObject()).Items().Select(p => p.Id()).ToHashSet();
        Assert.True(seen.SetEquals([recordedByShakyo, referredToShakyo]));

        Assert.Empty((await (await other.GetAsync(IntakeClient.Persons)).OkObject()).Items());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{IntakeClient.Persons}/{referredToShakyo}/consents")).StatusCode);
        Assert.Equal(3, (await (await city.GetAsync(IntakeClient.Persons)).OkObject()).Items().Count);

        // Linking is no back door: an agency cannot attach a consultation (and so gain sight of) a person it cannot see.
        var sneaky = await shakyo.PostAsJsonAsync(IntakeClient.Consultations, new { channel = "counter", personId = cityOnly });
        Assert.Equal(HttpStatusCode.BadRequest, sneaky.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shakyo.GetAsync($"{IntakeClient.Persons}/{cityOnly}")).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_endpoints_with_examples()
    {
        var document = await (await system.Gateway(Tenants.Fresh(), JusouRoles.Integrator).GetAsync("/api/intake/openapi/v1.json")).OkObject();
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/api/intake/persons", "/api/intake/consultations", "/api/intake/consultations/{id}/disposition", "/api/intake/codes" })
        {
            Assert.True(paths.ContainsKey(path), $"missing {path}");
        }
        Assert.Contains("相談受付", paths["/api/intake/consultations"]!["post"]!["summary"]!.GetValue<string>());
        var request = document["components"]!["schemas"]!["ConsultationRequest"]!;
        Assert.Equal("district_centre", request["examples"]![0]!["channel"]!.GetValue<string>());
    }
}
