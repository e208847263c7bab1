using System.Net;
using System.Net.Http.Json;
using Jusou.Contracts.RightsAdvocacy;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Rights;

/// <summary>日常生活自立支援事業: contracts, visits, reviews, and the transfer to guardianship when capacity falls further.</summary>
[Collection(SystemCollection.Name)]
public sealed class DailyLifeSupportTests(SystemFixture system)
{
    private static object Contract(Guid? supportCaseId = null) => new
    {
        services = new[] { "welfare_service_assistance", "daily_money_management" },
        specialist = "社協 専門員A",
        supportWorker = "生活支援員B",
        contractedOn = "2026-05-01",
        nextReviewOn = "2026-08-01",
        personName = "伊那 花子",
        supportCaseId,
    };

    [Fact]
    public async Task A_contract_is_signed_visited_reviewed_and_transferred_to_guardianship()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var supportCaseId = Guid.CreateVersion7();
        var signed = await staff.PostAsJsonAsync(RightsClient.Contracts, Contract(supportCaseId));
        var contract = await signed.CreatedObject();
        var id = contract.Id();
        var path = $"{RightsClient.Contracts}/{id}";
        Assert.Equal(path, signed.Headers.Location?.OriginalString);
        Assert.Equal("active", contract.Text("status"));

        var visit = await (await staff.PostAsJsonAsync($"{path}/visits",
            new { on = "2026-06-05", by = "support_worker", services = new[] { "daily_money_management" }, note = "生活費を払い出し" })).CreatedObject();
        Assert.Equal("support_worker", visit.Text("by"));
        // A visit cannot give a service the contract does not cover, nor come before the contract.
        await (await staff.PostAsJsonAsync($"{path}/visits", new { on = "2026-06-06", by = "specialist", services = new[] { "document_safekeeping" } }))
            .AssertProblem(HttpStatusCode.UnprocessableEntity);
        await (await staff.PostAsJsonAsync($"{path}/visits", new { on = "2026-04-06", by = "specialist" })).AssertProblem(HttpStatusCode.UnprocessableEntity);

        var etag = await staff.CurrentETag(path);
        var changed = await staff.Send(HttpMethod.Post, $"{path}/reviews", new
        {
            on = "2026-08-01", outcome = "change", services = new[] { "welfare_service_assistance", "daily_money_management", "document_safekeeping" },
            nextReviewOn = "2026-11-01",
        }, etag);
        Assert.Equal(3, (await changed.CreatedObject())["services"]!.AsArray().Count);

        var transferred = await staff.Send(HttpMethod.Post, $"{path}/reviews", new
        {
            on = "2026-11-01", outcome = "transfer_to_guardianship", matterType = "guardianship", note = "判断能力がさらに低下",
        }, changed.ETagOf());
        var after = await transferred.CreatedObject();
        Assert.Equal("transferred", after.Text("status"));
        Assert.Equal("2026-11-01", after.Text("endedOn"));
        var matterId = after.Id("transferredToMatterId");

        var matter = await staff.Read($"{RightsClient.Matters}/{matterId}");
        Assert.Equal("consultation", matter.Text("stage"));
        Assert.Equal("2026-11-01", matter.Text("openedOn"));
        Assert.Equal("guardianship", matter.Text("type"));
        Assert.Equal("daily_life_support", matter.Text("source"));
        Assert.Equal(id, matter.Id("sourceId"));
        Assert.Equal(supportCaseId, matter.Id("supportCaseId"));
        Assert.Equal("伊那 花子", matter.Text("personName"));

        Assert.Equal(3, await system.Events(tenant, "DailyLifeSupportContractChanged"));
        Assert.Single(await Events.Published<DailyLifeSupportContractChanged>(system, RightsClient.Database,
            e => e.TenantCode == tenant && e.Status == "transferred" && e.SupportCaseId == supportCaseId));
        Assert.Equal(1, await system.Events(tenant, "GuardianshipMatterOpened"));
        Assert.Equal(2, await system.AuditRows(tenant, id, "review"));
        Assert.Equal(1, await system.AuditRows(tenant, id, "visit"));

        // A transferred contract takes no more visits or reviews.
        await (await staff.PostAsJsonAsync($"{path}/visits", new { on = "2026-11-02", by = "specialist" })).AssertProblem(HttpStatusCode.Conflict);
        await (await staff.Send(HttpMethod.Post, $"{path}/reviews", new { on = "2026-11-02", outcome = "continue" }, transferred.ETagOf()))
            .AssertProblem(HttpStatusCode.Conflict);
    }

    public static TheoryData<string, string> InvalidContracts => new()
    {
        { "unknown service", "services" },
        { "no services", "services" },
        { "service twice", "services" },
        { "no specialist", "specialist" },
        { "signed in the future", "contractedOn" },
    };

    [Theory]
    [MemberData(nameof(InvalidContracts))]
    public async Task An_invalid_contract_is_400_naming_the_field_and_nothing_is_stored(string what, string field)
    {
        var tenant = Tenants.Fresh();
        object body = what switch
        {
            "unknown service" => new { services = new[] { "pension_management" }, specialist = "A" },
            "no services" => new { services = Array.Empty<string>(), specialist = "A" },
            "service twice" => new { services = new[] { "document_safekeeping", "document_safekeeping" }, specialist = "A" },
            "no specialist" => new { services = new[] { "document_safekeeping" } },
            _ => new { services = new[] { "document_safekeeping" }, specialist = "A", contractedOn = RightsClient.TodayInJapan.AddDays(2) },
        };

        var response = await system.Staff(tenant).PostAsJsonAsync(RightsClient.Contracts, body);

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("daily_life_support_contracts", tenant));
        Assert.Equal(0, await system.Rows("outbox_messages", tenant));
    }

    [Fact]
    public async Task Reviews_and_changes_need_the_current_etag_and_a_stale_one_changes_nothing()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var signed = await staff.PostAsJsonAsync(RightsClient.Contracts, Contract());
        var id = (await signed.CreatedObject()).Id();
        var path = $"{RightsClient.Contracts}/{id}";

        await (await staff.Send(HttpMethod.Post, $"{path}/reviews", new { on = "2026-08-01", outcome = "continue" }, null))
            .AssertProblem((HttpStatusCode)428);
        await (await staff.Send(HttpMethod.Patch, path, new { supportWorker = "生活支援員C" }, null)).AssertProblem((HttpStatusCode)428);
        var patched = await staff.Send(HttpMethod.Patch, path, new { supportWorker = "生活支援員C" }, signed.ETagOf());
        Assert.Equal("生活支援員C", (await patched.OkObject()).Text("supportWorker"));

        await (await staff.Send(HttpMethod.Post, $"{path}/reviews", new { on = "2026-08-01", outcome = "end" }, signed.ETagOf()))
            .AssertProblem(HttpStatusCode.PreconditionFailed);
        await (await staff.Send(HttpMethod.Patch, path, new { specialist = "別人" }, signed.ETagOf())).AssertProblem(HttpStatusCode.PreconditionFailed);

        var current = await staff.Read(path);
        Assert.Equal("active", current.Text("status"));
        Assert.Equal("社協 専門員A", current.Text("specialist"));
        Assert.Empty(current["reviews"]!.AsArray());
        Assert.Equal(1, await system.Events(tenant, "DailyLifeSupportContractChanged"));

        var ended = await staff.Send(HttpMethod.Post, $"{path}/reviews", new { on = "2026-08-01", outcome = "end" }, patched.ETagOf());
        Assert.Equal("ended", (await ended.CreatedObject()).Text("status"));
        Assert.Equal(0, await system.Rows("guardianship_matters", tenant));
    }

    [Fact]
    public async Task Roles_tenancy_and_idempotency()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var first = await staff.Post(RightsClient.Contracts, Contract(), "sign-1");
        var retry = await staff.Post(RightsClient.Contracts, Contract(), "sign-1");
        var id = (await first.CreatedObject()).Id();
        Assert.Equal(id, (await retry.CreatedObject()).Id());
        Assert.Equal(1, await system.Rows("daily_life_support_contracts", tenant));

        var manager = system.Gateway(tenant, JusouRoles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"{RightsClient.Contracts}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync(RightsClient.Contracts, Contract())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"{RightsClient.Contracts}/{id}/visits",
            new { on = "2026-06-05", by = "specialist" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.OutreachWorker).GetAsync(RightsClient.Contracts)).StatusCode);

        var other = system.Staff(Tenants.Fresh());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{RightsClient.Contracts}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"{RightsClient.Contracts}/{id}/visits",
            new { on = "2026-06-05", by = "specialist" })).StatusCode);
        Assert.Empty((await other.Read(RightsClient.Contracts)).Items());
        Assert.Equal(1, await system.Rows("daily_life_support_contracts", tenant));
        Assert.Equal(0, await Sql.Count(system, RightsClient.Database, "SELECT count(*) FROM daily_life_support_visits WHERE contract_id = $1", id));
    }
}
