using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.EndToEnd;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;
using Jusou.Tests.MultiAgency.Cases;

namespace Jusou.Tests.Forms;

/// <summary>
/// Forms print people and places as staff read them: the 地区 by the name CommunityResources gave it (learnt from
/// AreaNamed, renames included), and staff by the display name their token carried when they wrote — never an id
/// where a name is known, and the id where none is.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class NamesOnFormsTests(SystemFixture system)
{
    [Fact]
    public async Task The_intake_sheet_prints_the_district_by_name_and_the_receiver_by_name()
    {
        var tenant = Tenants.Fresh();
        var community = system.Gateway(tenant, JusouRoles.CommunityStaff);
        await (await community.PostAsJsonAsync("/api/community/areas", new { code = "city", name = "市全域", level = "city" })).Expect(HttpStatusCode.Created);
        await (await community.PostAsJsonAsync("/api/community/areas", new { code = "north", name = "北部圏域", level = "daily_life_area", parentCode = "city" }))
            .Expect(HttpStatusCode.Created);
        await (await community.PostAsJsonAsync("/api/community/areas", new { code = "tono-tsukimoushi", name = "附馬牛地区", level = "district", parentCode = "north" }))
            .Expect(HttpStatusCode.Created);

        var worker = system.Gateway(tenant, JusouRoles.IntakeWorker, subject: "oidc|8f3a21", name: "受付 太郎");
        var person = Responses.Id(await (await worker.PostAsJsonAsync("/api/intake/persons", new
        {
            name = "附馬牛 花子", nameKana = "ツキモウシ ハナコ", birthDate = "1948-02-03", districtCode = "tono-tsukimoushi",
        })).CreatedObject());
        var consultation = Responses.Id(await worker.NewConsultation(new { channel = "counter", personId = person, mainConcern = "8050" }));
        var sheet = $"/api/intake/consultations/{consultation}/sheet";

        var page = await Eventually.Get(async () =>
        {
            var html = await (await worker.GetAsync(sheet)).Content.ReadAsStringAsync();
            return html.Contains("附馬牛地区") ? html : null;
        }, TimeSpan.FromSeconds(20), "the intake sheet with the district's name");
        Assert.DoesNotContain("tono-tsukimoushi", page);
        Assert.Contains("受付 太郎", page);
        Assert.DoesNotContain("oidc|8f3a21", page);
        var form = await (await worker.GetAsync($"/api/intake/consultations/{consultation}/application-form")).Content.ReadAsStringAsync();
        Assert.Contains("附馬牛地区", form);
        Assert.Contains("受付 太郎", form);

        // A rename reaches the forms; a colleague whose token carries no name is printed by id.
        var area = await community.GetAsync("/api/community/areas/tono-tsukimoushi");
        var rename = new HttpRequestMessage(HttpMethod.Put, "/api/community/areas/tono-tsukimoushi") { Content = JsonContent.Create(new { name = "附馬牛町地区" }) };
        rename.Headers.IfMatch.Add(area.Headers.ETag!);
        await (await community.SendAsync(rename)).Expect(HttpStatusCode.OK);
        var colleague = system.Gateway(tenant, JusouRoles.IntakeWorker, subject: "oidc|no-name");
        var second = Responses.Id(await colleague.NewConsultation(new { channel = "phone", personId = person, mainConcern = "8050" }));
        var renamed = await Eventually.Get(async () =>
        {
            var html = await (await colleague.GetAsync($"/api/intake/consultations/{second}/sheet")).Content.ReadAsStringAsync();
            return html.Contains("附馬牛町地区") ? html : null;
        }, TimeSpan.FromSeconds(20), "the renamed district on the sheet");
        Assert.Contains("oidc|no-name", renamed);
        Assert.DoesNotContain("受付 太郎", renamed);
    }

    [Fact]
    public async Task The_progress_record_and_plan_forms_print_their_authors_by_name()
    {
        var tenant = Tenants.Fresh();
        var (caseId, planId, _) = await system.CaseWithDraft(tenant, actions: 1);
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator, subject: "coordinator-77", name: "響働 さくら");
        await (await coordinator.PostAsJsonAsync($"/api/multiagency/cases/{caseId}/progress-records",
            new { kind = "visit", text = "本人と面談できた", on = "2026-10-05" })).Expect(HttpStatusCode.Created);

        var progress = await (await coordinator.GetAsync($"/api/multiagency/cases/{caseId}/progress-records/sheet")).Content.ReadAsStringAsync();
        Assert.Contains("響働 さくら", progress);
        Assert.DoesNotContain("coordinator-77", progress);
        // The draft was written by a token without a name: its 作成者 prints as the id it has.
        var plan = await (await coordinator.GetAsync($"/api/multiagency/cases/{caseId}/plans/{planId}/form")).Content.ReadAsStringAsync();
        Assert.Contains("<th>作成者</th><td>coordinator-1</td>", plan);
        Assert.DoesNotContain("響働 さくら", plan);
    }
}
