using System.Net;
using System.Net.Http.Json;
using System.Text;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Intake;

/// <summary>相談受付: anonymous and full consultations, linking later, follow-ups, status history, the intake sheet, idempotency.</summary>
[Collection(SystemCollection.Name)]
public sealed class ConsultationTests(SystemFixture system)
{
    [Fact]
    public async Task An_anonymous_consultation_with_only_a_channel_is_accepted_as_open()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker, subject: "worker-1");

        var response = await client.PostAsJsonAsync(IntakeClient.Consultations, new { channel = "phone" });

        var created = await response.CreatedObject();
        var id = created.Id();
        Assert.Equal($"/api/intake/consultations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("open", created.Text("status"));
        Assert.Null(created["personId"]);
        Assert.Null(created["disposition"]);
        Assert.Equal("worker-1", created.Text("recordedBy"));
        var history = Assert.Single(created["statusHistory"]!.AsArray())!.AsObject();
        Assert.Equal("open", history.Text("status"));
        Assert.Equal("worker-1", history.Text("changedBy"));
        Assert.Equal(1, await system.Rows("consultations", tenant));
        Assert.Equal(0, await system.EventsAbout(id)); // an open consultation tells no one yet
    }

    [Fact]
    public async Task A_full_consultation_keeps_route_concerns_visitor_and_consent_path()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        var receivedAt = DateTimeOffset.UtcNow.AddHours(-2);

        var id = (await client.NewConsultation(new
        {
            channel = "visit",
            receivedAt,
            referralRoute = "welfare_commissioner",
            mainConcern = "8050",
            secondaryConcerns = new[] { "care", "social_isolation" },
            visitor = "welfare_commissioner",
            consentPath = "without_consent",
            districtCode = "aozasa",
            summary = "父親の介護と息子のひきこもり",
        })).Id();

        var read = await (await client.GetAsync($"{IntakeClient.Consultations}/{id}")).OkObject();
        Assert.Equal("visit", read.Text("channel"));
        Assert.Equal("welfare_commissioner", read.Text("referralRoute"));
        Assert.Equal("8050", read.Text("mainConcern"));
        Assert.Equal(["care", "social_isolation"], read["secondaryConcerns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("welfare_commissioner", read.Text("visitor"));
        Assert.Equal("without_consent", read.Text("consentPath"));
        Assert.Equal("父親の介護と息子のひきこもり", read.Text("summary"));
        Assert.True(Math.Abs((read["receivedAt"]!.GetValue<DateTimeOffset>() - receivedAt).TotalSeconds) < 1);
    }

    public static TheoryData<string, string> InvalidConsultations => new()
    {
        { """{}""", "channel" },
        { """{"channel":"fax"}""", "channel" },
        { """{"channel":"counter","mainConcern":"worries"}""", "mainConcern" },
        { """{"channel":"counter","mainConcern":"8050","secondaryConcerns":["8050"]}""", "secondaryConcerns" },
        { """{"channel":"counter","secondaryConcerns":["care","nothing"]}""", "secondaryConcerns" },
        { """{"channel":"counter","referralRoute":"rumour"}""", "referralRoute" },
        { """{"channel":"counter","visitor":"ghost"}""", "visitor" },
        { """{"channel":"counter","consentPath":"maybe"}""", "consentPath" },
        { """{"channel":"counter","receivedAt":"2999-01-01T00:00:00Z"}""", "receivedAt" },
        { """{"channel":"counter","sharingRule":"consent"}""", "disposition" },
        { """{"channel":"counter","disposition":"referred_to_agency","sharingRule":"consent"}""", "referredOrganisationCode" },
        { """{"channel":"counter","personId":"0190d2a4-0000-7000-8000-000000000001"}""", "personId" },
    };

    [Theory]
    [MemberData(nameof(InvalidConsultations))]
    public async Task Invalid_consultations_are_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var tenant = Tenants.Fresh();
        var response = await system.Gateway(tenant, JusouRoles.IntakeWorker)
            .PostAsync(IntakeClient.Consultations, new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("consultations", tenant));
    }

    [Fact]
    public async Task An_anonymous_consultation_is_linked_to_a_person_later_with_if_match()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        var created = await client.PostAsJsonAsync(IntakeClient.Consultations, new { channel = "phone", mainConcern = "debt" });
        var id = (await created.CreatedObject()).Id();
        var etag = created.ETagOf();
        var person = await client.NewPersonId();
        var path = $"{IntakeClient.Consultations}/{id}";

        await (await client.Send(HttpMethod.Patch, path, new { personId = person }, etag: null)).AssertProblem((HttpStatusCode)428);
        await (await client.Send(HttpMethod.Patch, path, new { personId = person }, "\"1\"")).AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Null((await (await client.GetAsync(path)).OkObject())["personId"]);

        var linked = await client.Send(HttpMethod.Patch, path, new { personId = person }, etag);
        Assert.Equal(person, (await linked.OkObject()).Id("personId"));
        Assert.NotEqual(etag, linked.ETagOf());

        var listed = await (await client.GetAsync($"{IntakeClient.Consultations}?personId={person}")).OkObject();
        Assert.Equal([id], listed.Items().Select(c => c.Id()));

        // Linked once, it does not silently move to someone else.
        var another = await client.NewPersonId("遠野 次郎", "トオノ ジロウ");
        await (await client.Send(HttpMethod.Patch, path, new { personId = another }, linked.ETagOf())).AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Linking_to_an_unknown_person_is_400()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        var created = await client.PostAsJsonAsync(IntakeClient.Consultations, new { channel = "phone" });
        var id = (await created.CreatedObject()).Id();

        var response = await client.Send(HttpMethod.Patch, $"{IntakeClient.Consultations}/{id}", new { personId = Guid.NewGuid() }, created.ETagOf());

        await response.AssertProblem(HttpStatusCode.BadRequest, "personId");
    }

    [Fact]
    public async Task Follow_ups_are_recorded_and_shown_with_the_consultation()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker, subject: "worker-2");
        var id = (await client.NewConsultation(new { channel = "counter" })).Id();

        var first = await client.PostAsJsonAsync($"{IntakeClient.Consultations}/{id}/follow-ups",
            new { channel = "phone", at = DateTimeOffset.UtcNow.AddMinutes(-30), note = "電話で近況を確認" });
        var followUp = await first.CreatedObject();
        Assert.Equal("phone", followUp.Text("channel"));
        await (await client.PostAsJsonAsync($"{IntakeClient.Consultations}/{id}/follow-ups", new { channel = "visit", note = "自宅訪問" })).CreatedObject();

        var read = await (await client.GetAsync($"{IntakeClient.Consultations}/{id}")).OkObject();
        var followUps = read["followUps"]!.AsArray().Select(f => f!.AsObject()).ToList();
        Assert.Equal(["電話で近況を確認", "自宅訪問"], followUps.Select(f => f.Text("note")));
        Assert.Equal(followUp.Id(), followUps[0].Id());
        Assert.All(followUps, f => Assert.Equal("worker-2", f.Text("recordedBy")));
        Assert.Equal(2, await system.Events(tenant, "ConsultationFollowedUp"));

        await (await client.PostAsJsonAsync($"{IntakeClient.Consultations}/{id}/follow-ups", new { channel = "pigeon" }))
            .AssertProblem(HttpStatusCode.BadRequest, "channel");
        Assert.Equal(HttpStatusCode.NotFound,
            (await client.PostAsJsonAsync($"{IntakeClient.Consultations}/{Guid.NewGuid()}/follow-ups", new { channel = "phone" })).StatusCode);
    }

    [Fact]
    public async Task A_disposition_adds_to_the_status_history()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker, subject: "worker-3");
        var id = (await client.NewConsultation(new { channel = "counter", mainConcern = "poverty" })).Id();

        var response = await client.Dispose(id, new { disposition = "advice_closed" });

        var closed = await response.OkObject();
        Assert.Equal("closed", closed.Text("status"));
        Assert.Equal("advice_closed", closed.Text("disposition"));
        var history = (await (await client.GetAsync($"{IntakeClient.Consultations}/{id}")).OkObject())["statusHistory"]!.AsArray()
            .Select(s => s!.AsObject()).ToList();
        Assert.Equal(["open", "closed"], history.Select(s => s.Text("status")));
        Assert.Equal("advice_closed", history[1].Text("disposition"));
        Assert.Equal("worker-3", history[1].Text("changedBy"));
    }

    [Fact]
    public async Task The_intake_sheet_is_html_with_the_name_the_concern_marks_and_a_japanese_era_date()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await client.NewPersonId("遠野 花子", "トオノ ハナコ", new DateOnly(1950, 4, 1));
        var id = (await client.NewConsultation(new
        {
            channel = "counter", personId = person, mainConcern = "8050", secondaryConcerns = new[] { "care" },
            summary = "<script>alert(1)</script>",
        })).Id();

        var response = await client.GetAsync($"{IntakeClient.Consultations}/{id}/sheet");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("遠野 花子", html);
        Assert.Contains("<td class=\"mark\">◎</td><th>8050</th>", html);
        Assert.Contains("<td class=\"mark\">○</td><th>介護</th>", html);
        Assert.Contains("<td class=\"mark\"></td><th>DV</th>", html); // not a concern here: unmarked
        Assert.Contains("令和", html); // received today, printed in 和暦
        Assert.Matches(@"昭和\s?25年4月1日", html); // born 1950-04-01
        Assert.DoesNotContain("<script>", html); // free text is escaped
        Assert.DoesNotContain("style=", html); // the one stylesheet, allowed by its hash; no style attributes
        Assert.Equal(1, await system.AuditRows(tenant, id, "print"));
        Assert.Equal(1, await system.AuditRows(tenant, person, "print"));
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_twice_stores_one_consultation_and_replays_the_answer()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var key = $"intake-{Guid.NewGuid():N}";
        var body = new { channel = "phone", mainConcern = "debt", summary = "多重債務" };

        var first = await Post(client, key, body);
        var second = await Post(client, key, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var id = (await first.ReadObject()).Id();
        Assert.Equal(id, (await second.ReadObject()).Id());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(1, await system.Rows("consultations", tenant));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_422_and_stores_nothing_more()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var key = $"intake-{Guid.NewGuid():N}";

        Assert.Equal(HttpStatusCode.Created, (await Post(client, key, new { channel = "phone" })).StatusCode);
        var reused = await Post(client, key, new { channel = "counter" });

        await reused.AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await system.Rows("consultations", tenant));
    }

    [Fact]
    public async Task A_refused_request_is_not_remembered_so_a_corrected_retry_with_the_same_key_runs()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var key = $"intake-{Guid.NewGuid():N}";

        await (await Post(client, key, new { channel = "fax" })).AssertProblem(HttpStatusCode.BadRequest, "channel");
        Assert.Equal(HttpStatusCode.Created, (await Post(client, key, new { channel = "phone" })).StatusCode);
        Assert.Equal(1, await system.Rows("consultations", tenant));
    }

    [Fact]
    public async Task An_idempotent_referral_still_reaches_multi_agency()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var response = await Post(client, $"intake-{Guid.NewGuid():N}",
            new { channel = "counter", mainConcern = "8050", disposition = "multi_agency", sharingRule = "support_meeting" });
        var id = (await response.CreatedObject()).Id();

        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        await Eventually.Get(() => coordinator.FindCase(id), TimeSpan.FromSeconds(15), "the support case of an idempotent POST");
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, IntakeClient.Consultations) { Content = JsonContent.Create(body, options: Api.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
