using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>The アセスメントシート: per area finding, need and severity, plus strengths; saved as versions under If-Match.</summary>
[Collection(SystemCollection.Name)]
public sealed class AssessmentTests(SystemFixture system)
{
    private static object Sheet(string careSeverity, string strengths) => new
    {
        assessedOn = "2026-11-20",
        areas = new object[]
        {
            new { area = "care", severity = careSeverity, finding = "母(82)は要介護認定未申請", need = "介護保険の申請" },
            new { area = "social_participation", severity = "medium", finding = "本人は10年以上ひきこもり", need = "通える居場所" },
        },
        strengths = strengths,
        summary = "8050世帯",
    };

    [Fact]
    public async Task The_sheet_is_saved_as_versions_and_a_stale_save_is_refused()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var path = $"{CaseClient.Cases}/{caseId}/assessment";
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(path)).StatusCode);

        var first = await coordinator.Send(HttpMethod.Put, path, Sheet("high", "本人は母の世話を毎日している"));
        var v1 = await first.Expect(HttpStatusCode.Created);
        Assert.Equal(1, v1["number"]!.GetValue<int>());
        Assert.Equal("\"1\"", first.ETagOf());

        var current = await coordinator.GetAsync(path);
        var read = await current.Expect(HttpStatusCode.OK);
        Assert.Equal("本人は母の世話を毎日している", read.Text("strengths"));
        Assert.Equal(["care", "social_participation"], read.Items("areas").Select(a => a.Text("area")));
        Assert.Equal("high", read.Items("areas")[0].Text("severity"));

        await (await coordinator.Send(HttpMethod.Put, path, Sheet("medium", "x"))).AssertProblem((HttpStatusCode)428);
        var second = await coordinator.Send(HttpMethod.Put, path, Sheet("medium", "民生委員と顔見知り"), current.ETagOf());
        Assert.Equal(2, (await second.Expect(HttpStatusCode.OK))["number"]!.GetValue<int>());
        // Saving again from version 1 would silently drop version 2's changes.
        await (await coordinator.Send(HttpMethod.Put, path, Sheet("low", "y"), current.ETagOf())).AssertProblem(HttpStatusCode.PreconditionFailed);

        var now = await (await coordinator.GetAsync(path)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, now["number"]!.GetValue<int>());
        Assert.Equal("medium", now.Items("areas")[0].Text("severity"));
        var old = await (await coordinator.GetAsync($"{path}/versions/1")).Expect(HttpStatusCode.OK);
        Assert.Equal("high", old.Items("areas")[0].Text("severity"));
        var versions = (await (await coordinator.GetAsync($"{path}/versions")).Expect(HttpStatusCode.OK)).Items("items");
        Assert.Equal([1, 2], versions.Select(v => v["number"]!.GetValue<int>()));

        Assert.Equal(1, await system.AuditRows(tenant, caseId, "create", "assessment"));
        Assert.Equal(1, await system.AuditRows(tenant, caseId, "update", "assessment"));
        Assert.True(await system.AuditRows(tenant, caseId, "read", "assessment") >= 3);
        Assert.Equal(2, (await coordinator.Timeline(caseId)).Count(e => e.Text("kind") == "assessment_recorded"));
    }

    public static TheoryData<string, string> InvalidSheets => new()
    {
        { """{"areas":[]}""", "assessedOn" },
        { """{"assessedOn":"2026-11-20"}""", "areas" },
        { """{"assessedOn":"2999-01-01","areas":[]}""", "assessedOn" },
        { """{"assessedOn":"2026-11-20","areas":[{"area":"astrology","severity":"low"}]}""", "areas[0].area" },
        { """{"assessedOn":"2026-11-20","areas":[{"area":"care"}]}""", "areas[0].severity" },
        { """{"assessedOn":"2026-11-20","areas":[{"area":"care","severity":"extreme"}]}""", "areas[0].severity" },
        { """{"assessedOn":"2026-11-20","areas":[{"area":"care","severity":"low"},{"area":"care","severity":"high"}]}""", "areas" },
    };

    [Theory]
    [MemberData(nameof(InvalidSheets))]
    public async Task A_bad_sheet_is_400_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var request = new HttpRequestMessage(HttpMethod.Put, $"{CaseClient.Cases}/{caseId}/assessment")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        await (await coordinator.SendAsync(request)).AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("assessments", tenant));
    }

    [Fact]
    public async Task Agency_staff_cannot_write_the_sheet_and_a_closed_case_is_not_assessed()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var path = $"{CaseClient.Cases}/{caseId}/assessment";

        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.AgencyStaff).Send(HttpMethod.Put, path, Sheet("low", "x"))).StatusCode);
        await coordinator.Move(caseId, "closed", reason: "declined");
        await (await coordinator.Send(HttpMethod.Put, path, Sheet("low", "x"))).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(0, await system.Rows("assessments", tenant));
    }
}
