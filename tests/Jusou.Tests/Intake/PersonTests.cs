using System.Net;
using System.Net.Http.Json;
using System.Text;
using Jusou.Contracts.Intake;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Intake;

/// <summary>Persons (本人): recording, kana/kanji search, paging, duplicate review and merge, If-Match, validation.</summary>
[Collection(SystemCollection.Name)]
public sealed class PersonTests(SystemFixture system)
{
    private static readonly DateOnly Born = new(1958, 7, 12);

    [Fact]
    public async Task A_recorded_person_is_201_with_location_and_etag_and_can_be_read_back()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        var response = await client.PostAsJsonAsync(IntakeClient.Persons, new
        {
            name = "山田 太郎", nameKana = "ヤマダ タロウ", birthDate = Born, sex = "male",
            address = "遠野市東舘町1-1", districtCode = "tono-central", phone = "0198-00-0000",
        });

        var created = await response.CreatedObject();
        var id = created.Id();
        Assert.Equal($"/api/intake/persons/{id}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("active", created.Text("status"));
        Assert.Empty(created["possibleDuplicates"]!.AsArray());

        var read = await client.GetAsync($"{IntakeClient.Persons}/{id}");
        var person = await read.OkObject();
        Assert.Equal(response.Headers.ETag, read.Headers.ETag);
        Assert.Equal("山田 太郎", person.Text("name"));
        Assert.Equal("ヤマダ タロウ", person.Text("nameKana"));
        Assert.Equal("1958-07-12", person.Text("birthDate"));
        Assert.Equal("tono-central", person.Text("districtCode"));
    }

    [Theory]
    [InlineData("やまだ")] // hiragana finds the katakana reading
    [InlineData("ヤマダ")]
    [InlineData("ﾔﾏﾀﾞ")] // half-width katakana
    [InlineData("ﾔﾏﾀﾞ ﾀﾛｳ")]
    [InlineData("山田")] // kanji finds the written name
    [InlineData("山田太郎")] // spacing does not matter
    public async Task A_person_is_found_by_kana_or_kanji_however_it_is_typed(string query)
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        var yamada = await client.NewPersonId("山田 太郎", "ヤマダ タロウ", Born);
        var other = await client.NewPersonId("佐藤 花子", "サトウ ハナコ", Born.AddYears(5));

        var found = await Search(client, $"name={Uri.EscapeDataString(query)}");

        Assert.Contains(yamada, found);
        Assert.DoesNotContain(other, found);
    }

    [Fact]
    public async Task A_name_reads_back_code_point_for_code_point_and_its_unified_form_finds_it()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        // 侮 U+FA30 (a CJK compatibility ideograph, which NFC would rewrite to U+4FAE) and 葛 with the variation selector
        // U+E0100 (an IVS: the registered glyph), exactly as the 住民票 has them.
        var name = "\uFA30田 \u845B\U000E0100子";
        var id = await client.NewPersonId(name, "アナダ カツコ");

        var person = await (await client.GetAsync($"{IntakeClient.Persons}/{id}")).OkObject();
        Assert.Equal(name.EnumerateRunes().Select(r => r.Value), person.Text("name").EnumerateRunes().Select(r => r.Value));
        // Searching folds: the unified forms, without the selector, find the registered name; so does the name itself.
        Assert.Equal([id], await Search(client, $"name={Uri.EscapeDataString("\u4FAE田 葛子")}"));
        Assert.Equal([id], await Search(client, $"name={Uri.EscapeDataString(name)}"));
    }

    [Fact]
    public async Task A_variant_kanji_is_found_by_its_common_form_and_the_other_way_round()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        var takahashi = await client.NewPersonId("髙橋 一郎", "タカハシ イチロウ");
        var watanabe = await client.NewPersonId("渡辺 次郎", "ワタナベ ジロウ");

        Assert.Equal([takahashi], await Search(client, $"name={Uri.EscapeDataString("高橋")}"));
        Assert.Equal([takahashi], await Search(client, $"name={Uri.EscapeDataString("髙橋")}"));
        Assert.Equal([watanabe], await Search(client, $"name={Uri.EscapeDataString("渡邉")}"));
        Assert.Empty(await Search(client, $"name={Uri.EscapeDataString("高田")}"));
    }

    [Fact]
    public async Task Search_filters_by_birth_date_and_district()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        var a = (await client.NewPerson(new { name = "山田 太郎", nameKana = "ヤマダ タロウ", birthDate = Born, districtCode = "aozasa" })).Id();
        var b = (await client.NewPerson(new { name = "山田 次郎", nameKana = "ヤマダ ジロウ", birthDate = Born.AddYears(3), districtCode = "aozasa" })).Id();
        var c = (await client.NewPerson(new { name = "山田 三郎", nameKana = "ヤマダ サブロウ", birthDate = Born, districtCode = "tsukimoushi" })).Id();

        Assert.Equal(new[] { a, c }.Order(), (await Search(client, "birthDate=1958-07-12")).Order());
        Assert.Equal(new[] { a, b }.Order(), (await Search(client, "district=aozasa")).Order());
        Assert.Equal([a], await Search(client, $"name={Uri.EscapeDataString("やまだ")}&birthDate=1958-07-12&district=aozasa"));
        Assert.Empty(await Search(client, "district=nowhere"));
    }

    [Fact]
    public async Task Search_results_come_in_keyset_pages()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add(await client.NewPersonId($"遠野 {i}", $"トオノ {i}"));

        var seen = new List<Guid>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await (await client.GetAsync($"{IntakeClient.Persons}?pageSize=2{(token is null ? "" : $"&pageToken={token}")}")).OkObject();
            var items = page.Items().Select(p => p.Id()).ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items);
            token = page["nextPageToken"]?.GetValue<string>();
            pages++;
        } while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(ids, seen); // UUIDv7 order is creation order, no gaps, no repeats

        await (await client.GetAsync($"{IntakeClient.Persons}?pageSize=0")).AssertProblem(HttpStatusCode.BadRequest, "pageSize");
        await (await client.GetAsync($"{IntakeClient.Persons}?pageToken=not-a-token")).AssertProblem(HttpStatusCode.BadRequest, "pageToken");
    }

    [Fact]
    public async Task A_second_person_with_the_same_kana_and_birth_date_is_flagged_not_merged()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var first = await client.NewPersonId("山田 太郎", "ヤマダ タロウ", Born);

        var second = await client.NewPerson(new { name = "山田 太朗", nameKana = "ﾔﾏﾀﾞ ﾀﾛｳ", birthDate = Born });

        var duplicate = Assert.Single(second["possibleDuplicates"]!.AsArray())!.AsObject();
        Assert.Equal(first, duplicate.Id("personId"));
        Assert.Equal("same_kana_and_birth_date", duplicate.Text("reason"));

        var flags = (await (await client.GetAsync($"{IntakeClient.Persons}/duplicates")).OkObject()).Items().ToList();
        var flag = Assert.Single(flags);
        Assert.Equal(duplicate.Id("flagId"), flag.Id());
        Assert.Equal("open", flag.Text("status"));
        Assert.Equal(new[] { first, second.Id() }.Order(), new[] { flag.Id("personId"), flag.Id("candidateId") }.Order());

        // Never merged automatically: both records are still there and active.
        Assert.Equal("active", (await (await client.GetAsync($"{IntakeClient.Persons}/{first}")).OkObject()).Text("status"));
        Assert.Equal("active", (await (await client.GetAsync($"{IntakeClient.Persons}/{second.Id()}")).OkObject()).Text("status"));
        Assert.Equal(2, await system.Rows("persons", tenant));
    }

    [Fact]
    public async Task A_different_birth_date_or_no_birth_date_raises_no_flag()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        await client.NewPersonId("山田 太郎", "ヤマダ タロウ", Born);

        Assert.Empty((await client.NewPerson(new { name = "山田 太郎", nameKana = "ヤマダ タロウ", birthDate = Born.AddDays(1) }))["possibleDuplicates"]!.AsArray());
        Assert.Empty((await client.NewPerson(new { name = "山田 太郎", nameKana = "ヤマダ タロウ" }))["possibleDuplicates"]!.AsArray());
        Assert.Empty((await (await client.GetAsync($"{IntakeClient.Persons}/duplicates")).OkObject()).Items());
    }

    [Fact]
    public async Task A_coordinator_dismisses_a_flag_but_an_intake_worker_may_not()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        await worker.NewPersonId("山田 太郎", "ヤマダ タロウ", Born);
        var flagId = (await worker.NewPerson(new { name = "山田 太郎", nameKana = "ヤマダ タロウ", birthDate = Born }))["possibleDuplicates"]![0]!.AsObject().Id("flagId");

        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsync($"{IntakeClient.Persons}/duplicates/{flagId}/dismiss", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"{IntakeClient.Persons}/duplicates/{flagId}/dismiss", null)).StatusCode);

        Assert.Empty((await (await worker.GetAsync($"{IntakeClient.Persons}/duplicates")).OkObject()).Items());
        var dismissed = Assert.Single((await (await worker.GetAsync($"{IntakeClient.Persons}/duplicates?status=dismissed")).OkObject()).Items());
        Assert.Equal(flagId, dismissed.Id());
        await (await coordinator.PostAsync($"{IntakeClient.Persons}/duplicates/{flagId}/dismiss", null)).AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_manager_merges_two_records_and_the_merged_ones_consultations_consents_and_households_move_to_the_survivor()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var manager = system.Gateway(tenant, JusouRoles.Manager);
        var survivor = await worker.NewPersonId("山田 太郎", "ヤマダ タロウ", Born);
        var duplicate = await worker.NewPerson(new { name = "山田 太朗", nameKana = "ヤマダ タロウ", birthDate = Born });
        var merged = duplicate.Id();
        var flagId = duplicate["possibleDuplicates"]![0]!.AsObject().Id("flagId");
        var consultation = (await worker.NewConsultation(new { channel = "counter", personId = merged })).Id();
        var consent = await worker.RecordConsent(merged, ["*"], "referral");
        var household = (await (await worker.PostAsJsonAsync("/api/intake/households", new
        {
            householdType = "single_65_plus",
            members = new[] { new { personId = merged, relationship = "self" } },
        })).CreatedObject()).Id();

        var response = await manager.PostAsJsonAsync($"{IntakeClient.Persons}/{merged}/merge", new { survivorId = survivor });

        var result = await response.OkObject();
        Assert.Equal("merged", result.Text("status"));
        Assert.Equal(survivor, result.Id("mergedIntoId"));

        // The merged record is kept, pointing at the survivor.
        var kept = await (await worker.GetAsync($"{IntakeClient.Persons}/{merged}")).OkObject();
        Assert.Equal("merged", kept.Text("status"));
        Assert.Equal(survivor, kept.Id("mergedIntoId"));
        Assert.Equal("active", (await (await worker.GetAsync($"{IntakeClient.Persons}/{survivor}")).OkObject()).Text("status"));

        // Its records now belong to the survivor.
        Assert.Equal(survivor, (await (await worker.GetAsync($"{IntakeClient.Consultations}/{consultation}")).OkObject()).Id("personId"));
        var consents = (await worker.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"{IntakeClient.Persons}/{survivor}/consents"))!;
        Assert.Contains(consents, c => c!["id"]!.GetValue<Guid>() == consent);
        var members = (await (await worker.GetAsync($"/api/intake/households/{household}")).OkObject())["members"]!.AsArray();
        Assert.Equal(survivor, Assert.Single(members)!["personId"]!.GetValue<Guid>());

        // The flag between them is closed as merged, and other services are told.
        Assert.Empty((await (await worker.GetAsync($"{IntakeClient.Persons}/duplicates")).OkObject()).Items());
        Assert.Equal(flagId, Assert.Single((await (await worker.GetAsync($"{IntakeClient.Persons}/duplicates?status=merged")).OkObject()).Items()).Id());
        Assert.Equal(survivor, Assert.Single(await Events.Published<PersonsMerged>(system, "intakedb", e => e.MergedPersonId == merged)).SurvivorPersonId);

        // Searching shows only the survivor unless merged records are asked for.
        var name = Uri.EscapeDataString("やまだ");
        Assert.Equal([survivor], await Search(worker, $"name={name}"));
        Assert.Equal(new[] { survivor, merged }.Order(), (await Search(worker, $"name={name}&includeMerged=true")).Order());

        // A merged record is read-only and cannot be merged again.
        await (await manager.PostAsJsonAsync($"{IntakeClient.Persons}/{merged}/merge", new { survivorId = survivor })).AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_intake_worker_may_not_merge_and_nothing_changes()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var a = await worker.NewPersonId("山田 太郎", "ヤマダ タロウ", Born);
        var b = await worker.NewPersonId("山田 太郎", "ヤマダ タロウ", Born);

        var response = await worker.PostAsJsonAsync($"{IntakeClient.Persons}/{b}/merge", new { survivorId = a });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("active", (await (await worker.GetAsync($"{IntakeClient.Persons}/{b}")).OkObject()).Text("status"));
        Assert.Equal(0, await system.Events(tenant, "PersonsMerged"));
    }

    [Fact]
    public async Task A_person_cannot_be_merged_into_itself()
    {
        var tenant = Tenants.Fresh();
        var a = await system.Gateway(tenant, JusouRoles.IntakeWorker).NewPersonId();
        var response = await system.Gateway(tenant, JusouRoles.Manager).PostAsJsonAsync($"{IntakeClient.Persons}/{a}/merge", new { survivorId = a });
        await response.AssertProblem(HttpStatusCode.BadRequest, "survivorId");
    }

    [Fact]
    public async Task An_update_needs_the_current_etag()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        var created = await client.PostAsJsonAsync(IntakeClient.Persons, new { name = "山田 太郎", nameKana = "ヤマダ タロウ" });
        var id = (await created.CreatedObject()).Id();
        var firstETag = created.ETagOf();
        var path = $"{IntakeClient.Persons}/{id}";

        var missing = await client.Send(HttpMethod.Put, path, new { name = "山田 太郎", nameKana = "ヤマダ タロウ", birthDate = Born }, etag: null);
        await missing.AssertProblem((HttpStatusCode)428);

        var updated = await client.Send(HttpMethod.Put, path, new { name = "山田 太郎", nameKana = "ヤマダ タロウ", birthDate = Born }, firstETag);
        Assert.Equal("1958-07-12", (await updated.OkObject()).Text("birthDate"));
        var secondETag = updated.ETagOf();
        Assert.NotEqual(firstETag, secondETag);

        var stale = await client.Send(HttpMethod.Put, path, new { name = "山田 花子", nameKana = "ヤマダ ハナコ" }, firstETag);
        await stale.AssertProblem(HttpStatusCode.PreconditionFailed);

        var current = await client.GetAsync(path);
        Assert.Equal("山田 太郎", (await current.OkObject()).Text("name"));
        Assert.Equal(secondETag, current.ETagOf());
    }

    public static TheoryData<string, string> InvalidPersons => new()
    {
        { """{"birthDate":"1960-01-01"}""", "name" },
        { """{"name":"   ","nameKana":""}""", "name" },
        { $$"""{"name":"山田 太郎","birthDate":"{{DateTime.UtcNow.AddDays(10):yyyy-MM-dd}}"}""", "birthDate" },
        { """{"name":"山田 太郎","birthDate":"1850-01-01"}""", "birthDate" },
        { """{"name":"山田 太郎","sex":"m"}""", "sex" },
        { $$"""{"name":"{{new string('山', 101)}}"}""", "name" },
        { $$"""{"name":"山田","nameKana":"{{new string('ヤ', 101)}}"}""", "nameKana" },
    };

    [Theory]
    [MemberData(nameof(InvalidPersons))]
    public async Task Invalid_persons_are_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);

        var response = await client.PostAsync(IntakeClient.Persons, new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("persons", tenant));
        Assert.Equal(0, await system.Rows("audit_entries", tenant));
    }

    [Fact]
    public async Task A_name_of_exactly_100_characters_is_accepted()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        var response = await client.PostAsJsonAsync(IntakeClient.Persons, new { name = new string('山', 100) });
        await response.CreatedObject();
    }

    [Fact]
    public async Task An_invalid_update_is_400_and_leaves_the_person_unchanged()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var created = await client.PostAsJsonAsync(IntakeClient.Persons, new { name = "山田 太郎" });
        var id = (await created.CreatedObject()).Id();

        var response = await client.Send(HttpMethod.Put, $"{IntakeClient.Persons}/{id}", new { name = "山田 太郎", sex = "unknown" }, created.ETagOf());

        await response.AssertProblem(HttpStatusCode.BadRequest, "sex");
        var person = await client.GetAsync($"{IntakeClient.Persons}/{id}");
        Assert.Null((await person.OkObject())["sex"]);
        Assert.Equal(created.ETagOf(), person.ETagOf());
    }

    private static async Task<List<Guid>> Search(HttpClient client, string query)
    {
        var page = await (await client.GetAsync($"{IntakeClient.Persons}?{query}")).OkObject();
        return page.Items().Select(p => p.Id()).ToList();
    }
}
