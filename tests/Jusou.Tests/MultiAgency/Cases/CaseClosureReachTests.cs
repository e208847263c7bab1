using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>終結 reaches every service: Intake's consultation the case came from, and RightsAdvocacy's matters and contracts for it.</summary>
[Collection(SystemCollection.Name)]
public sealed class CaseClosureReachTests(SystemFixture system)
{
    private static readonly TimeSpan Hop = TimeSpan.FromSeconds(30);

    private static async Task<JsonObject> Read(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public async Task Closing_a_referred_case_is_recorded_on_the_consultation_it_came_from()
    {
        var tenant = Tenants.Fresh();
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Coordinator(tenant);
        var consultationId = await intake.ReferConsultation();
        var other = await intake.ReferConsultation();
        var supportCase = await Eventually.Get(() => coordinator.FindCase(consultationId), Hop, "the referred case");
        await Eventually.Get(() => coordinator.FindCase(other), Hop, "the other referred case");
        var consultationPath = $"/api/intake/consultations/{consultationId}";
        Assert.Null((await Read(intake, consultationPath))["supportCaseClosedAt"]);

        var closed = await coordinator.Move(supportCase.Id(), "closed", reason: "declined");
        var closedEvent = Assert.Single(await Events.Published<SupportCaseClosed>(system, CaseClient.Database, e => e.CaseId == supportCase.Id()));
        Assert.Equal(consultationId, closedEvent.ConsultationId);

        var consultation = await Eventually.Get(async () =>
        {
            var read = await Read(intake, consultationPath);
            return read["supportCaseClosedAt"] is null ? null : read;
        }, Hop, "the closure on the consultation");
        Assert.Equal("declined", consultation.Text("supportCaseClosureReason"));
        Assert.Equal("referred", consultation.Text("status")); // 継続相談 stays possible
        var lag = DateTimeOffset.Parse(closed.Text("closedAt")) - DateTimeOffset.Parse(consultation.Text("supportCaseClosedAt"));
        Assert.True(Math.Abs(lag.TotalMilliseconds) < 1, $"the consultation records when the case closed ({lag})");
        Assert.Null((await Read(intake, $"/api/intake/consultations/{other}"))["supportCaseClosedAt"]);

        // Reopened (再開): the consultation's loop is open again.
        await coordinator.Move(supportCase.Id(), "assessment", reason: "new_problem");
        await Eventually.True(async () => (await Read(intake, consultationPath))["supportCaseClosedAt"] is null, Hop, "the closure taken back");
        Assert.Null((await Read(intake, consultationPath))["supportCaseClosureReason"]);
    }

    [Fact]
    public async Task Closing_a_case_is_recorded_on_its_guardianship_matters_and_daily_life_contracts_which_go_on()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var rights = system.Gateway(tenant, JusouRoles.RightsStaff, subject: "centre-staff-1", organisation: "tono-guardianship-centre");
        var caseId = (await coordinator.OpenCase()).Id();
        var otherCaseId = (await coordinator.OpenCase()).Id();

        async Task<Guid> Created(string path, object body)
        {
            var response = await rights.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {text}");
            return JsonNode.Parse(text)!["id"]!.GetValue<Guid>();
        }
        var matter = await Created("/api/rights/matters", new { supportCaseId = caseId, personName = "遠野 一郎" });
        var otherMatter = await Created("/api/rights/matters", new { supportCaseId = otherCaseId, personName = "遠野 二郎" });
        var contract = await Created("/api/rights/daily-life-support/contracts", new
        {
            services = new[] { "daily_money_management" }, specialist = "社協 専門員A", contractedOn = "2026-05-01", personName = "遠野 一郎",
            supportCaseId = caseId,
        });

        await coordinator.Move(caseId, "closed", reason: "goal_achieved");

        var closedMatter = await Eventually.Get(async () =>
        {
            var read = await Read(rights, $"/api/rights/matters/{matter}");
            return read["supportCaseClosedAt"] is null ? null : read;
        }, Hop, "the closure on the matter");
        Assert.Equal("consultation", closedMatter.Text("stage")); // the court's process is not ended by the case
        var closedContract = await Eventually.Get(async () =>
        {
            var read = await Read(rights, $"/api/rights/daily-life-support/contracts/{contract}");
            return read["supportCaseClosedAt"] is null ? null : read;
        }, Hop, "the closure on the contract");
        Assert.Equal("active", closedContract.Text("status"));
        Assert.Null((await Read(rights, $"/api/rights/matters/{otherMatter}"))["supportCaseClosedAt"]);
    }
}
