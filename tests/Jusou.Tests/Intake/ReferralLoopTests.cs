using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.Contracts.Intake;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Intake;

/// <summary>
/// 他機関へつなぎ in the closed-loop states of the FHIR SDOH referral, on the real system: every allowed move by its
/// party and refused to the other, illegal moves refused naming the current status, bad codes refused naming the field.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ReferralLoopTests(SystemFixture system)
{
    private const string Referrals = "/api/intake/referrals";

    private sealed record Loop(string Tenant, Guid ReferralId, HttpClient Sender, HttpClient Receiver, string Organisation);

    /// <summary>A consented person's consultation referred to a fresh organisation: a referral at requested.</summary>
    private async Task<Loop> NewReferral()
    {
        var organisation = $"agency-{Guid.NewGuid():N}"[..20];
        var tenant = await system.FreshTenantWith(organisation);
        var sender = system.Gateway(tenant, JusouRoles.IntakeWorker, subject: "intake-1", organisation: "city-welfare");
        var person = await sender.NewPersonId();
        await sender.RecordConsent(person, [organisation], "referral");
        await sender.NewConsultation(new
        {
            channel = "counter", personId = person, disposition = "referred_to_agency", sharingRule = "consent", referredOrganisationCode = organisation,
        });
        var referral = Assert.Single((await (await sender.GetAsync(Referrals)).OkObject()).Items());
        Assert.Equal("requested", referral.Text("status"));
        return new Loop(tenant, referral.Id(), sender, system.Agency(tenant, organisation), organisation);
    }

    private static Task<HttpResponseMessage> MoveTo(HttpClient client, Guid referralId, string status, string? outputCode = null, string? answer = null) =>
        client.PostAsJsonAsync($"{Referrals}/{referralId}/status", new { status, answer, outputCode });

    /// <summary>Brings the referral to <paramref name="status"/> along allowed moves, each by its own party.</summary>
    private static async Task BringTo(Loop loop, string status)
    {
        string[] path = status switch
        {
            "requested" => [],
            "in_progress" => ["accepted", "in_progress"],
            "on_hold" => ["accepted", "on_hold"],
            "completed" => ["accepted", "completed"],
            "failed" => ["accepted", "failed"],
            _ => [status],
        };
        foreach (var step in path)
        {
            var client = step == "cancelled" ? loop.Sender : loop.Receiver;
            await (await MoveTo(client, loop.ReferralId, step, step == "completed" ? "service_started" : null)).OkObject();
        }
    }

    private async Task<int> StatusEvents(Loop loop, string from, string to, string party) =>
        (await Events.Published<AgencyReferralStatusChanged>(system, "intakedb",
            e => e.ReferralId == loop.ReferralId && e.FromStatus == from && e.Status == to && e.PartyCode == party)).Count;

    private async Task<string> StatusOf(Loop loop) =>
        (await (await loop.Sender.GetAsync($"{Referrals}/{loop.ReferralId}")).OkObject()).Text("status");

    [Fact]
    public async Task The_receiver_works_a_referral_through_the_loop_and_completes_it_with_what_was_delivered()
    {
        var loop = await NewReferral();
        foreach (var step in new[] { "accepted", "in_progress", "on_hold", "in_progress" })
        {
            Assert.Equal(step, (await (await MoveTo(loop.Receiver, loop.ReferralId, step)).OkObject()).Text("status"));
        }
        var completed = await (await loop.Receiver.PostAsJsonAsync($"{Referrals}/{loop.ReferralId}/status",
            new { status = "completed", answer = "就労準備支援につなぎました", outputCode = "service_started", outputNote = "週2回の通所開始" })).OkObject();

        Assert.Equal(("completed", "service_started", "週2回の通所開始"), (completed.Text("status"), completed.Text("outputCode"), completed.Text("outputNote")));
        Assert.NotNull(completed["doneAt"]);
        var history = completed["history"]!.AsArray().Select(h => h!.AsObject()).ToList();
        Assert.Equal(["accepted", "in_progress", "on_hold", "in_progress", "completed"], history.Select(h => h.Text("status")));
        Assert.Equal(["requested", "accepted", "in_progress", "on_hold", "in_progress"], history.Select(h => h.Text("fromStatus")));
        Assert.All(history, h => Assert.Equal(("receiver", $"staff-of-{loop.Organisation}"), (h.Text("party"), h.Text("by"))));

        Assert.Equal(5, await system.Events(loop.Tenant, "AgencyReferralStatusChanged"));
        Assert.Equal("service_started", Assert.Single(await Events.Published<AgencyReferralStatusChanged>(system, "intakedb",
            e => e.ReferralId == loop.ReferralId && e.Status == "completed")).OutputCode);
        // The first vocabulary's subscribers hear accepted and done, as before.
        Assert.Equal(2, await system.Events(loop.Tenant, "AgencyReferralAnswered"));
        Assert.Single(await Events.Published<AgencyReferralAnswered>(system, "intakedb", e => e.ReferralId == loop.ReferralId && e.Status == "done"));
        Assert.Equal(5, await system.AuditRows(loop.Tenant, loop.ReferralId, "answer"));
        // No words of the answer on the bus.
        Assert.Equal(0, await Sql.Count(system, "intakedb",
            "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND payload::text LIKE '%通所%'", loop.Tenant));
    }

    /// <summary>Every allowed move (the FHIR SDOH closed loop) and the party that makes it.</summary>
    public static TheoryData<string, string, string> Allowed => new()
    {
        { "requested", "accepted", "receiver" },
        { "requested", "rejected", "receiver" },
        { "requested", "cancelled", "sender" },
        { "accepted", "in_progress", "receiver" },
        { "accepted", "on_hold", "receiver" },
        { "accepted", "completed", "receiver" },
        { "accepted", "failed", "receiver" },
        { "accepted", "cancelled", "sender" },
        { "in_progress", "on_hold", "receiver" },
        { "in_progress", "completed", "receiver" },
        { "in_progress", "failed", "receiver" },
        { "in_progress", "cancelled", "sender" },
        { "on_hold", "in_progress", "receiver" },
        { "on_hold", "failed", "receiver" },
        { "on_hold", "cancelled", "sender" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task An_allowed_move_is_made_by_its_party_and_refused_to_the_other(string from, string to, string party)
    {
        var loop = await NewReferral();
        await BringTo(loop, from);
        var (right, wrong) = party == "receiver" ? (loop.Receiver, loop.Sender) : (loop.Sender, loop.Receiver);
        var outputCode = to == "completed" ? "information_provided" : null;

        await (await MoveTo(wrong, loop.ReferralId, to, outputCode)).AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal(from, await StatusOf(loop));
        Assert.Equal(0, await StatusEvents(loop, from, to, party));

        Assert.Equal(to, (await (await MoveTo(right, loop.ReferralId, to, outputCode)).OkObject()).Text("status"));
        Assert.Equal(1, await StatusEvents(loop, from, to, party));
        // Each move made is audited once (the refused one is not): the steps to reach `from`, then this one.
        Assert.Equal(party == "sender" ? 1 : Steps(from) + 1,
            await system.AuditRows(loop.Tenant, loop.ReferralId, party == "sender" ? "cancel" : "answer"));
    }

    /// <summary>Receiver moves made to reach <paramref name="status"/> by <see cref="BringTo"/>.</summary>
    private static int Steps(string status) => status switch { "requested" => 0, "accepted" => 1, _ => 2 };

    public static TheoryData<string, string, string> Refused => new()
    {
        { "requested", "completed", "receiver" },
        { "requested", "in_progress", "receiver" },
        { "requested", "failed", "receiver" },
        { "accepted", "accepted", "receiver" },
        { "accepted", "requested", "sender" },
        { "on_hold", "completed", "receiver" },
        { "rejected", "accepted", "receiver" },
        { "rejected", "cancelled", "sender" },
        { "cancelled", "accepted", "receiver" },
        { "completed", "cancelled", "sender" },
        { "completed", "failed", "receiver" },
        { "failed", "cancelled", "sender" },
        { "failed", "in_progress", "receiver" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task An_illegal_move_is_409_naming_the_current_status_and_changes_nothing(string from, string to, string party)
    {
        var loop = await NewReferral();
        await BringTo(loop, from);
        var events = await system.Events(loop.Tenant, "AgencyReferralStatusChanged");

        var response = await MoveTo(party == "receiver" ? loop.Receiver : loop.Sender, loop.ReferralId, to, to == "completed" ? "other" : null);
        await response.AssertProblem(HttpStatusCode.Conflict);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.Contains($"'{from}'", detail);
        Assert.Equal(from, await StatusOf(loop));
        Assert.Equal(events, await system.Events(loop.Tenant, "AgencyReferralStatusChanged"));
    }

    public static TheoryData<string, string> BadMoves => new()
    {
        { """{"status":"maybe"}""", "status" },
        { """{}""", "status" },
        { """{"status":"completed"}""", "outputCode" },
        { """{"status":"completed","outputCode":"miracle"}""", "outputCode" },
        { """{"status":"accepted","outputCode":"service_started"}""", "outputCode" },
        { """{"status":"accepted","outputNote":"何か"}""", "outputNote" },
        { $$"""{"status":"accepted","answer":"{{new string('あ', 2001)}}"}""", "answer" },
    };

    [Theory]
    [MemberData(nameof(BadMoves))]
    public async Task A_bad_code_is_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        var loop = await NewReferral();
        await BringTo(loop, "accepted");
        var response = await loop.Receiver.PostAsync($"{Referrals}/{loop.ReferralId}/status",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal("accepted", await StatusOf(loop));
        Assert.Equal(1, await system.Events(loop.Tenant, "AgencyReferralStatusChanged"));
    }

    [Fact]
    public async Task Only_the_receiving_organisation_answers_and_only_the_citys_intake_staff_cancel()
    {
        var loop = await NewReferral();
        var otherAgency = system.Agency(loop.Tenant, "some-other-agency");
        var manager = system.Gateway(loop.Tenant, JusouRoles.Manager, organisation: "city-welfare");
        var coordinator = system.Gateway(loop.Tenant, JusouRoles.Coordinator, subject: "coordinator-1", organisation: "city-welfare");

        // Another agency does not see it at all; a manager sees it but neither answers nor cancels.
        Assert.Equal(HttpStatusCode.NotFound, (await MoveTo(otherAgency, loop.ReferralId, "accepted")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MoveTo(otherAgency, loop.ReferralId, "cancelled")).StatusCode);
        await (await MoveTo(manager, loop.ReferralId, "accepted")).AssertProblem(HttpStatusCode.Forbidden);
        await (await MoveTo(manager, loop.ReferralId, "cancelled")).AssertProblem(HttpStatusCode.Forbidden);
        // The city's staff (sender) cannot answer for the agency.
        await (await MoveTo(loop.Sender, loop.ReferralId, "accepted")).AssertProblem(HttpStatusCode.Forbidden);
        await (await MoveTo(coordinator, loop.ReferralId, "rejected")).AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal("requested", await StatusOf(loop));
        Assert.Equal(0, await system.Events(loop.Tenant, "AgencyReferralStatusChanged"));

        // A coordinator is on the sender's side too; the old answer path still works for the receiver.
        await (await loop.Receiver.PostAsJsonAsync($"{Referrals}/{loop.ReferralId}/answer", new { status = "accepted" })).OkObject();
        var cancelled = await (await MoveTo(coordinator, loop.ReferralId, "cancelled", answer: "本人が転居")).OkObject();
        Assert.Equal("cancelled", cancelled.Text("status"));
        var last = cancelled["history"]!.AsArray()[^1]!.AsObject();
        Assert.Equal(("sender", "coordinator-1", "本人が転居"), (last.Text("party"), last.Text("by"), last.Text("note")));
        Assert.Equal(1, await system.AuditRows(loop.Tenant, loop.ReferralId, "cancel"));
    }

    [Fact]
    public async Task The_old_status_names_still_filter_the_list()
    {
        var loop = await NewReferral();
        Assert.Single((await (await loop.Sender.GetAsync($"{Referrals}?status=sent")).OkObject()).Items());
        Assert.Single((await (await loop.Sender.GetAsync($"{Referrals}?status=requested")).OkObject()).Items());
        await BringTo(loop, "completed");
        Assert.Empty((await (await loop.Sender.GetAsync($"{Referrals}?status=sent")).OkObject()).Items());
        Assert.Single((await (await loop.Sender.GetAsync($"{Referrals}?status=done")).OkObject()).Items());
        await (await loop.Sender.GetAsync($"{Referrals}?status=maybe")).AssertProblem(HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task The_referral_statuses_and_outputs_are_served_with_japanese_labels()
    {
        var codes = await (await system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker).GetAsync("/api/intake/codes")).OkObject();
        string[] Codes(string table) => codes[table]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToArray();
        Assert.Equal(["requested", "accepted", "rejected", "cancelled", "in_progress", "on_hold", "completed", "failed"], Codes("referralStatuses"));
        Assert.Contains("service_started", Codes("referralOutputs"));
        Assert.Equal("保留", codes["referralStatuses"]!.AsArray().Single(e => e!["code"]!.GetValue<string>() == "on_hold")!["label"]!.GetValue<string>());
    }
}
