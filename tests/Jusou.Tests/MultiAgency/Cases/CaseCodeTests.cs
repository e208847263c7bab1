using System.Text.Json.Nodes;
using System.Net;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Cases;

[Collection(SystemCollection.Name)]
public sealed class CaseCodeTests(SystemFixture system)
{
    [Fact]
    public async Task The_case_assessment_and_plan_code_tables_are_served_with_japanese_labels()
    {
        var codes = await (await system.Gateway(Tenants.Fresh(), JusouRoles.AgencyStaff).GetAsync("/api/multiagency/codes")).Expect(HttpStatusCode.OK);

        Assert.Equal("目標達成", Label(codes, "closureReasons", "goal_achieved"));
        Assert.Equal("転出", Label(codes, "closureReasons", "moved_out"));
        Assert.Equal("他機関へ移行", Label(codes, "closureReasons", "transferred"));
        Assert.Equal("本人拒否", Label(codes, "closureReasons", "declined"));
        Assert.Equal("モニタリング", Label(codes, "caseStatuses", "monitoring"));
        Assert.Equal("主担当", Label(codes, "involvementRoles", "lead"));
        Assert.Equal("情報提供", Label(codes, "involvementRoles", "information"));
        Assert.Equal("子ども・子育て", Label(codes, "assessmentAreas", "child_rearing"));
        Assert.Equal("緊急", Label(codes, "assessmentSeverities", "urgent"));
        Assert.Equal("参加支援", Label(codes, "planActionKinds", "participation"));
        Assert.Equal("一部達成", Label(codes, "planGoalResults", "partly"));
        Assert.Contains("106条の6", Label(codes, "caseTracks", "support_meeting"));
        Assert.Equal("アウトリーチ接触", Label(codes, "timelineKinds", "outreach_contact_attempted"));
        Assert.Equal("中断", Label(codes, "caseStatuses", "suspended"));
        Assert.Equal("入院", Label(codes, "suspensionReasons", "hospitalised"));
        Assert.Equal(["interview", "visit", "phone", "meeting", "liaison", "other"], codes["progressRecordKinds"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()));
        Assert.Equal("連絡調整", Label(codes, "progressRecordKinds", "liaison"));
        Assert.Equal("支援経過記録", Label(codes, "timelineKinds", "progress_recorded"));
    }

    private static string Label(JsonObject codes, string table, string code) =>
        codes[table]!.AsArray().Single(e => e!["code"]!.GetValue<string>() == code)!["label"]!.GetValue<string>();
}
