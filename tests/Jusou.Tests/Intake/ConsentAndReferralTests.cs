using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Jusou.Contracts.Intake;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Intake;

/// <summary>
/// 本人同意 and the consent rule: nothing is shared with another organisation without the person's consent, except
/// into the 支援会議 (社会福祉法第106条の6) for 多機関協働 and アウトリーチ. And the closed loop of 他機関へつなぎ.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ConsentAndReferralTests(SystemFixture system)
{
    // ---- Consent records ----

    [Fact]
    public async Task A_consent_is_recorded_listed_and_withdrawn_once()
    {
        var tenant = await system.FreshTenantWith("tono-shakyo", "tono-hello-work");
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker, subject: "worker-c");
        var person = await client.NewPersonId();

        var response = await client.PostAsJsonAsync($"{IntakeClient.Persons}/{person}/consents", new
        {
            organisationCodes = new[] { "tono-shakyo", "participation" },
            purposes = new[] { "referral", "information_sharing" },
            wordingVersion = "tono-2026-04",
            givenOn = "2026-04-01",
            method = "verbal",
        });
        var consent = await response.CreatedObject();
        var id = consent.Id();
        Assert.Equal($"/api/intake/persons/{person}/consents/{id}", response.Headers.Location?.OriginalString);
        Assert.True(consent["active"]!.GetValue<bool>());
        Assert.Equal("worker-c", consent.Text("takenBy"));

        var listed = Assert.Single((await client.GetFromJsonAsync<JsonArray>($"{IntakeClient.Persons}/{person}/consents"))!)!.AsObject();
        Assert.Equal(id, listed.Id());
        Assert.Equal(["tono-shakyo", "participation"], listed["organisationCodes"]!.AsArray().Select(o => o!.GetValue<string>()));

        var withdrawn = await (await client.PostAsync($"{IntakeClient.Persons}/{person}/consents/{id}/withdraw", null)).OkObject();
        Assert.False(withdrawn["active"]!.GetValue<bool>());
        Assert.NotNull(withdrawn["withdrawnAt"]);

        await (await client.PostAsync($"{IntakeClient.Persons}/{person}/consents/{id}/withdraw", null)).AssertProblem(HttpStatusCode.Conflict);

        // The record stays, withdrawn.
        var kept = Assert.Single((await client.GetFromJsonAsync<JsonArray>($"{IntakeClient.Persons}/{person}/consents"))!)!.AsObject();
        Assert.False(kept["active"]!.GetValue<bool>());
    }

    public static TheoryData<string, string> InvalidConsents => new()
    {
        { """{"organisationCodes":[],"purposes":["referral"],"wordingVersion":"v1","givenOn":"2026-01-01","method":"verbal"}""", "organisationCodes" },
        { """{"organisationCodes":[" "],"purposes":["referral"],"wordingVersion":"v1","givenOn":"2026-01-01","method":"verbal"}""", "organisationCodes" },
        { """{"organisationCodes":["*"],"purposes":[],"wordingVersion":"v1","givenOn":"2026-01-01","method":"verbal"}""", "purposes" },
        { """{"organisationCodes":["*"],"purposes":["marketing"],"wordingVersion":"v1","givenOn":"2026-01-01","method":"verbal"}""", "purposes" },
        { """{"organisationCodes":["*"],"purposes":["referral"],"wordingVersion":"","givenOn":"2026-01-01","method":"verbal"}""", "wordingVersion" },
        { """{"organisationCodes":["*"],"purposes":["referral"],"wordingVersion":"v1","givenOn":"2999-01-01","method":"verbal"}""", "givenOn" },
        { """{"organisationCodes":["*"],"purposes":["referral"],"wordingVersion":"v1","givenOn":"2026-01-01","method":"telepathy"}""", "method" },
    };

    [Theory]
    [MemberData(nameof(InvalidConsents))]
    public async Task An_invalid_consent_is_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await client.NewPersonId();

        var response = await client.PostAsync($"{IntakeClient.Persons}/{person}/consents", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("consents", tenant));
    }

    [Fact]
    public async Task A_consent_of_an_unknown_person_is_404()
    {
        var tenant = await system.FreshTenantWith("tono-shakyo", "tono-hello-work");
        var response = await system.Gateway(tenant, JusouRoles.IntakeWorker).PostAsJsonAsync($"{IntakeClient.Persons}/{Guid.NewGuid()}/consents",
            new { organisationCodes = new[] { "*" }, purposes = new[] { "referral" }, wordingVersion = "v1", givenOn = "2026-01-01", method = "verbal" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await system.Rows("consents", tenant));
    }

    // ---- The consent rule ----

    public static TheoryData<string, string?> ReferralsNeedingConsent => new()
    {
        { "participation", null },
        { "rights", null },
        { "referred_to_agency", "tono-shakyo" },
    };

    [Theory]
    [MemberData(nameof(ReferralsNeedingConsent))]
    public async Task A_referral_of_a_person_without_consent_is_refused_at_intake_and_nothing_is_stored(string disposition, string? organisation)
    {
        var tenant = await system.FreshTenantWith("tono-shakyo", "tono-hello-work");
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await client.NewPersonId();

        foreach (var sharingRule in new[] { "consent", "support_meeting" })
        {
            var response = await client.PostAsJsonAsync(IntakeClient.Consultations, new
            {
                channel = "counter", personId = person, mainConcern = "social_isolation",
                disposition, sharingRule, referredOrganisationCode = organisation,
            });

            await response.AssertProblem(HttpStatusCode.UnprocessableEntity);
            var problem = await response.ReadObject();
            Assert.Contains("consent", problem.Text("title"), StringComparison.OrdinalIgnoreCase);
            Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), "the refusal explains itself");
        }

        Assert.Equal(0, await system.Rows("consultations", tenant));
        Assert.Equal(0, await system.Rows("referrals", tenant));
        Assert.Equal(0, await system.Rows("outbox_messages", tenant));
    }

    [Fact]
    public async Task A_refused_disposition_leaves_the_consultation_open_and_announces_nothing()
    {
        var tenant = await system.FreshTenantWith("tono-shakyo", "tono-hello-work");
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await client.NewPersonId();
        var id = (await client.NewConsultation(new { channel = "counter", personId = person })).Id();

        var participation = await client.Dispose(id, new { disposition = "participation", sharingRule = "consent" });
        await participation.AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("consent", (await participation.ReadObject()).Text("title"), StringComparison.OrdinalIgnoreCase);
        var agency = await client.Dispose(id, new { disposition = "referred_to_agency", sharingRule = "support_meeting", referredOrganisationCode = "tono-shakyo" });
        await agency.AssertProblem(HttpStatusCode.UnprocessableEntity);

        var read = await (await client.GetAsync($"{IntakeClient.Consultations}/{id}")).OkObject();
        Assert.Equal("open", read.Text("status"));
        Assert.Single(read["statusHistory"]!.AsArray());
        Assert.Equal(0, await system.EventsAbout(id));
        Assert.Equal(0, await system.Rows("referrals", tenant));
        Assert.Equal(0, await system.AuditRows(tenant, id, "refer"));
    }

    [Fact]
    public async Task An_anonymous_consultation_cannot_be_referred_on_consent()
    {
        var tenant = Tenants.Fresh();
        var response = await system.Gateway(tenant, JusouRoles.IntakeWorker).PostAsJsonAsync(IntakeClient.Consultations,
            new { channel = "phone", disposition = "multi_agency", sharingRule = "consent" });
        await response.AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await system.Rows("consultations", tenant));
    }

    [Fact]
    public async Task The_same_person_without_consent_goes_to_multi_agency_through_the_support_meeting_and_it_is_audited()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await client.NewPersonId();

        var created = await client.NewConsultation(new
        {
            channel = "counter", personId = person, mainConcern = "8050", disposition = "multi_agency", sharingRule = "support_meeting",
        });

        Assert.Equal("referred", created.Text("status"));
        Assert.Equal("support_meeting", created.Text("sharingRule"));
        var audit = await AuditOf(tenant, created.Id());
        Assert.Contains(audit, a => a.Text("action") == "refer" && a.Text("rule") == "support_meeting");
        Assert.Equal(1, await system.Events(tenant, "ConsultationReferred"));
    }

    [Fact]
    public async Task Outreach_may_also_go_through_the_support_meeting_from_an_open_consultation()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await client.NewPersonId();
        var id = (await client.NewConsultation(new { channel = "counter", personId = person })).Id();

        var response = await client.Dispose(id, new { disposition = "outreach", sharingRule = "support_meeting" });

        Assert.Equal("referred", (await response.OkObject()).Text("status"));
        Assert.Contains(await AuditOf(tenant, id), a => a.Text("action") == "refer" && a.Text("rule") == "support_meeting");
        Assert.Equal(1, await system.Events(tenant, "ConsultationReferredToOutreach"));
    }

    [Fact]
    public async Task With_consent_the_participation_referral_passes_and_after_withdrawal_it_is_refused_again()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await client.NewPersonId();
        var consent = await client.RecordConsent(person, ["participation"], "referral");

        var allowed = await client.NewConsultation(new
        {
            channel = "counter", personId = person, mainConcern = "job_search", disposition = "participation", sharingRule = "consent",
        });
        Assert.Equal("referred", allowed.Text("status"));
        Assert.Equal("consent", allowed.Text("sharingRule"));
        Assert.Contains(await AuditOf(tenant, allowed.Id()), a => a.Text("action") == "refer" && a.Text("rule") == "consent");
        Assert.Equal("consent", Assert.Single(await Events.Published<ConsultationReferredToParticipation>(system, "intakedb",
            e => e.ConsultationId == allowed.Id())).SharingRule);

        await (await client.PostAsync($"{IntakeClient.Persons}/{person}/consents/{consent}/withdraw", null)).OkObject();

        var refused = await client.PostAsJsonAsync(IntakeClient.Consultations, new
        {
            channel = "counter", personId = person, mainConcern = "job_search", disposition = "participation", sharingRule = "consent",
        });
        await refused.AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await system.Rows("consultations", tenant));
        Assert.Equal(1, await system.Events(tenant, "ConsultationReferredToParticipation"));
    }

    [Theory]
    [InlineData("tono-shakyo", "referral")] // another organisation
    [InlineData("participation", "information_sharing")] // another purpose
    public async Task A_consent_that_does_not_cover_the_receiver_and_purpose_does_not_allow_the_referral(string organisation, string purpose)
    {
        var tenant = await system.FreshTenantWith("tono-shakyo", "tono-hello-work");
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await client.NewPersonId();
        await client.RecordConsent(person, [organisation], purpose);

        var response = await client.PostAsJsonAsync(IntakeClient.Consultations,
            new { channel = "counter", personId = person, disposition = "participation", sharingRule = "consent" });

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await system.Rows("consultations", tenant));
    }

    [Theory]
    [InlineData("participation", typeof(ConsultationReferredToParticipation))]
    [InlineData("outreach", typeof(ConsultationReferredToOutreach))]
    [InlineData("rights", typeof(ConsultationReferredToRightsAdvocacy))]
    [InlineData("referred_to_agency", typeof(ConsultationReferredToAgency))]
    [InlineData("multi_agency", typeof(ConsultationReferred))]
    [InlineData("advice_closed", typeof(ConsultationClosed))]
    public async Task Each_disposition_at_intake_stores_its_event(string disposition, Type eventType)
    {
        var tenant = await system.FreshTenantWith("tono-shakyo", "tono-hello-work");
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await client.NewPersonId();
        await client.RecordConsent(person, ["*"], "referral");

        var created = await client.NewConsultation(new
        {
            channel = "counter", personId = person, mainConcern = "care", disposition,
            sharingRule = disposition == "advice_closed" ? null : "consent",
            referredOrganisationCode = disposition == "referred_to_agency" ? "tono-shakyo" : null,
        });

        Assert.Equal(disposition == "advice_closed" ? "closed" : "referred", created.Text("status"));
        var about = await Events.PublishedAny(system, "intakedb", e => Events.IdIn(e, nameof(ConsultationReferred.ConsultationId)) == created.Id());
        Assert.Equal(eventType, Assert.Single(about).GetType()); // that event and no other
    }

    [Theory]
    [InlineData("participation", typeof(ConsultationReferredToParticipation))]
    [InlineData("rights", typeof(ConsultationReferredToRightsAdvocacy))]
    [InlineData("referred_to_agency", typeof(ConsultationReferredToAgency))]
    [InlineData("advice_closed", typeof(ConsultationClosed))]
    public async Task Each_disposition_of_an_open_consultation_stores_its_event_and_a_second_one_is_409(string disposition, Type eventType)
    {
        var tenant = await system.FreshTenantWith("tono-shakyo", "tono-hello-work");
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await client.NewPersonId();
        await client.RecordConsent(person, ["*"], "referral");
        var id = (await client.NewConsultation(new { channel = "counter", personId = person })).Id();
        var body = new
        {
            disposition,
            sharingRule = disposition == "advice_closed" ? null : "consent",
            referredOrganisationCode = disposition == "referred_to_agency" ? "tono-shakyo" : null,
        };

        var first = await client.Dispose(id, body);
        Assert.Equal(disposition == "advice_closed" ? "closed" : "referred", (await first.OkObject()).Text("status"));
        var about = await Events.PublishedAny(system, "intakedb", e => Events.IdIn(e, nameof(ConsultationReferred.ConsultationId)) == id);
        Assert.Equal(eventType, Assert.Single(about).GetType());

        var second = await client.Dispose(id, new { disposition = "advice_closed" });
        await second.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(1, await system.EventsAbout(id));
    }

    [Fact]
    public async Task A_consultation_decided_at_intake_cannot_be_decided_again()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var id = (await client.NewConsultation(new { channel = "counter", disposition = "multi_agency", sharingRule = "support_meeting" })).Id();

        var again = await client.Dispose(id, new { disposition = "advice_closed" });

        await again.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal("referred", (await (await client.GetAsync($"{IntakeClient.Consultations}/{id}")).OkObject()).Text("status"));
        Assert.Equal(0, await system.Events(tenant, "ConsultationClosed"));
    }

    // ---- 他機関へつなぎ: the closed loop ----

    [Fact]
    public async Task A_referral_to_an_agency_is_seen_and_answered_by_that_agency_only()
    {
        var tenant = await system.FreshTenantWith("tono-shakyo", "tono-hello-work");
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var receiver = $"agency-{Guid.NewGuid():N}"[..20];
        await system.RegisterOrganisationsAsync(tenant, receiver);
        var stranger = $"agency-{Guid.NewGuid():N}"[..20];
        var person = await client.NewPersonId();
        await client.RecordConsent(person, [receiver], "referral");
        var consultation = (await client.NewConsultation(new
        {
            channel = "counter", personId = person, mainConcern = "debt",
            disposition = "referred_to_agency", sharingRule = "consent", referredOrganisationCode = receiver, referralReason = "債務整理の相談",
        })).Id();

        // The city sees it among the unanswered ones.
        var sent = (await (await client.GetAsync("/api/intake/referrals?status=sent")).OkObject()).Items().ToList();
        var referral = Assert.Single(sent);
        var referralId = referral.Id();
        Assert.Equal(consultation, referral.Id("consultationId"));
        Assert.Equal(receiver, referral.Text("organisationCode"));
        Assert.Equal("consent", referral.Text("sharingRule"));

        var agency = system.Agency(tenant, receiver);
        var other = system.Agency(tenant, stranger);

        // The receiving agency sees the referral and the consultation it is about; another agency sees neither.
        Assert.Equal([referralId], (await (await agency.GetAsync("/api/intake/referrals")).OkObject()).Items().Select(r => r.Id()));
        Assert.Empty((await (await other.GetAsync("/api/intake/referrals")).OkObject()).Items());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/intake/referrals/{referralId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/intake/referrals/{referralId}/answer", new { status = "accepted" })).StatusCode);
        Assert.Equal(consultation, (await (await agency.GetAsync($"{IntakeClient.Consultations}/{consultation}")).OkObject()).Id());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{IntakeClient.Consultations}/{consultation}")).StatusCode);
        Assert.Empty((await (await other.GetAsync(IntakeClient.Consultations)).OkObject()).Items());

        // sent (requested) → done (completed) skips acceptance.
        await (await agency.PostAsJsonAsync($"/api/intake/referrals/{referralId}/answer", new { status = "done", outputCode = "consultation_held" }))
            .AssertProblem(HttpStatusCode.Conflict);

        var accepted = await (await agency.PostAsJsonAsync($"/api/intake/referrals/{referralId}/answer", new { status = "accepted", answer = "担当者を決めました" })).OkObject();
        Assert.Equal("accepted", accepted.Text("status"));
        Assert.Equal($"staff-of-{receiver}", accepted.Text("answeredBy"));
        // The first vocabulary's done is today's completed, with what was delivered.
        var done = await (await agency.PostAsJsonAsync($"/api/intake/referrals/{referralId}/answer",
            new { status = "done", answer = "債務整理が完了", outputCode = "consultation_held" })).OkObject();
        Assert.Equal("completed", done.Text("status"));
        Assert.NotNull(done["doneAt"]);

        Assert.Equal(2, await system.Events(tenant, "AgencyReferralAnswered"));
        Assert.Empty((await (await client.GetAsync("/api/intake/referrals?status=sent")).OkObject()).Items());
        Assert.Equal("completed", (await (await client.GetAsync($"/api/intake/referrals/{referralId}")).OkObject()).Text("status"));
        await (await agency.PostAsJsonAsync($"/api/intake/referrals/{referralId}/answer", new { status = "rejected" })).AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_referral_can_be_rejected_and_an_unknown_answer_is_400()
    {
        var tenant = await system.FreshTenantWith("tono-shakyo", "tono-hello-work");
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var receiver = "tono-hello-work";
        var person = await client.NewPersonId();
        await client.RecordConsent(person, ["*"], "referral");
        await client.NewConsultation(new
        {
            channel = "counter", personId = person, disposition = "referred_to_agency", sharingRule = "consent", referredOrganisationCode = receiver,
        });
        var referralId = Assert.Single((await (await client.GetAsync("/api/intake/referrals")).OkObject()).Items()).Id();
        var agency = system.Agency(tenant, receiver);

        await (await agency.PostAsJsonAsync($"/api/intake/referrals/{referralId}/answer", new { status = "maybe" })).AssertProblem(HttpStatusCode.BadRequest, "status");
        Assert.Equal("rejected", (await (await agency.PostAsJsonAsync($"/api/intake/referrals/{referralId}/answer", new { status = "rejected", answer = "対象外" })).OkObject()).Text("status"));
        Assert.Single((await (await client.GetAsync("/api/intake/referrals?status=rejected")).OkObject()).Items());
    }

    private async Task<List<JsonObject>> AuditOf(string tenant, Guid recordId)
    {
        var page = await (await system.Gateway(tenant, JusouRoles.Manager).GetAsync($"/api/intake/audit?recordId={recordId}")).OkObject();
        return page.Items().ToList();
    }
}
