using System.Net;
using System.Net.Http.Json;
using System.Text;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Integrators;

namespace Jusou.Tests.Privacy;

/// <summary>
/// The 個人情報ファイル簿 (個人情報保護法 第75条) is read from the services' data models, so it cannot drift from what the
/// databases hold: every table says whether it holds personal data, and docs/privacy/personal-data-register.md is the
/// register as the models declare it today.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PersonalDataRegisterTests(SystemFixture system)
{
    private static readonly string[] Services = [.. Jusou.AppHost.JusouServices.Names];
    private static readonly string Document = Path.Combine(Repository.Root, "docs", "privacy", "personal-data-register.md");

    public sealed record Register(string Service, List<File> Files, List<Exclusion> WithoutPersonalData, List<string> Unclassified);
    public sealed record File(string Name, string Service, string Purpose, List<string> Items, string Subjects, string Sources,
        bool SpecialCareData, string Recipients, string Retention, List<string> Tables);
    public sealed record Exclusion(string Table, string Reason);

    private async Task<List<Register>> Registers()
    {
        var manager = system.Gateway(Tenants.Fresh(), JusouRoles.Manager);
        var registers = new List<Register>();
        foreach (var service in Services)
        {
            var response = await manager.GetAsync($"/api/{service}/privacy/register");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            registers.Add((await response.Content.ReadFromJsonAsync<Register>(Api.Json))!);
        }
        return registers;
    }

    [Fact]
    public async Task Every_table_of_every_service_says_whether_it_holds_personal_data()
    {
        foreach (var register in await Registers())
        {
            Assert.True(register.Unclassified.Count == 0,
                $"{register.Service}: tables with no [PersonalDataFile], [PartOfPersonalDataFile] or [NoPersonalData]: {string.Join(", ", register.Unclassified)}");
            Assert.Contains(register.Files, f => f.Tables.Contains("audit_entries")); // the access log holds staff data
            Assert.Contains(register.Files, f => f.Tables.Contains("idempotent_requests")); // replayed answers hold residents' data
            Assert.Contains(register.WithoutPersonalData, e => e.Table == "outbox_messages");
        }
    }

    [Fact]
    public async Task The_files_list_the_tables_and_items_that_hold_a_residents_data()
    {
        var registers = (await Registers()).ToDictionary(r => r.Service);

        var persons = Assert.Single(registers["intake"].Files, f => f.Name == "相談者台帳");
        Assert.Contains("persons.name", persons.Items);
        Assert.Contains("persons.birth_date", persons.Items);
        Assert.Contains("households", persons.Tables); // attached by [PartOfPersonalDataFile]
        Assert.DoesNotContain("persons.tenant_code", persons.Items);

        var consultations = Assert.Single(registers["intake"].Files, f => f.Tables.Contains("consultations"));
        Assert.True(consultations.SpecialCareData, "相談内容 can include 病歴・障害: 要配慮個人情報");
        Assert.Contains("referrals", consultations.Tables);

        var cases = Assert.Single(registers["multiagency"].Files, f => f.Tables.Contains("support_cases"));
        Assert.Contains("assessments", cases.Tables);
        Assert.Contains(cases.Tables, t => t.Contains("status", StringComparison.Ordinal)); // a child table, by its foreign key

        Assert.Contains(registers["community"].WithoutPersonalData, e => e.Table == "areas");
        Assert.All(registers.Values.SelectMany(r => r.Files), f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Purpose));
            Assert.False(string.IsNullOrWhiteSpace(f.Retention));
            Assert.NotEmpty(f.Items);
        });
    }

    [Fact]
    public async Task The_checked_in_register_is_the_one_the_models_declare()
    {
        var markdown = Render(await Registers());
        var current = System.IO.File.Exists(Document) ? await System.IO.File.ReadAllTextAsync(Document) : "";
        if (current != markdown)
        {
            // Written for the developer to review and commit; the run still fails so CI never accepts a stale one.
            Directory.CreateDirectory(Path.GetDirectoryName(Document)!);
            await System.IO.File.WriteAllTextAsync(Document, markdown);
        }
        Assert.True(current == markdown,
            "docs/privacy/personal-data-register.md differs from the data models; the test wrote the new one: review it and commit.");
    }

    private static string Render(IEnumerable<Register> registers)
    {
        var text = new StringBuilder();
        text.AppendLine("# 個人情報ファイル簿 (register of personal-data files)");
        text.AppendLine();
        text.AppendLine("Generated from the services' EF Core models by `tests/Jusou.Tests/Privacy/PersonalDataRegisterTests.cs`;");
        text.AppendLine("each service also serves its part at `GET /api/<service>/privacy/register`. Do not edit by hand: change the");
        text.AppendLine("`[PersonalDataFile]` attribute on the entity and run the test, which rewrites this file when it differs.");
        foreach (var register in registers)
        {
            text.AppendLine();
            text.AppendLine($"## {register.Service}");
            foreach (var file in register.Files)
            {
                text.AppendLine();
                text.AppendLine($"### {file.Name}");
                text.AppendLine();
                text.AppendLine("| 項目 | 内容 |");
                text.AppendLine("|---|---|");
                text.AppendLine($"| 利用目的 | {file.Purpose} |");
                text.AppendLine($"| 記録範囲 | {file.Subjects} |");
                text.AppendLine($"| 収集方法 | {file.Sources} |");
                text.AppendLine($"| 要配慮個人情報 | {(file.SpecialCareData ? "含む" : "含まない")} |");
                text.AppendLine($"| 経常的提供先 | {file.Recipients} |");
                text.AppendLine($"| 保存期間 | {file.Retention} |");
                text.AppendLine($"| テーブル | {string.Join(", ", file.Tables.Select(t => $"`{t}`"))} |");
                text.AppendLine($"| 記録項目 | {string.Join(", ", file.Items.Select(i => $"`{i}`"))} |");
            }
            if (register.WithoutPersonalData.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("Tables without personal data: " +
                                string.Join("; ", register.WithoutPersonalData.Select(e => $"`{e.Table}` ({e.Reason})")) + ".");
            }
        }
        return text.ToString();
    }
}
