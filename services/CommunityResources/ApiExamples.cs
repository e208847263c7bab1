using Jusou.CommunityResources.Areas;
using Jusou.CommunityResources.Concerns;
using Jusou.CommunityResources.People;
using Jusou.CommunityResources.Reports;
using Jusou.CommunityResources.ResourceDirectory;

namespace Jusou.CommunityResources;

/// <summary>Examples shown in CommunityResources' OpenAPI document (Ina- and Tono-like data).</summary>
public static class ApiExamples
{
    private static readonly Guid Shakyo = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000201");
    private static readonly Guid Hall = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000301");

    public static readonly IReadOnlyDictionary<Type, object> All = new Dictionary<Type, object>
    {
        [typeof(AreaUpdate)] = new AreaUpdate("遠野地区(遠野町)"),
        [typeof(PlanTargetsRequest)] = new PlanTargetsRequest(new Dictionary<string, long> { ["consultations"] = 300, ["support_plans"] = 40, ["community_places"] = 25 }),
        [typeof(AreaRequest)] = new AreaRequest("aozasa", "青笹地区", "district", "tono-east"),
        [typeof(DirectoryOrganisationRequest)] = new DirectoryOrganisationRequest("伊那市社会福祉協議会", "social_welfare_council", AreaCode: "city", Code: "ina-shakyo"),
        [typeof(DirectoryLocationRequest)] = new DirectoryLocationRequest("福祉まちづくりセンター", Shakyo, "長野県伊那市…", "city"),
        [typeof(CommunityServiceRequest)] = new CommunityServiceRequest(Shakyo, "まちの縁側", "community_building", "commissioned", "city",
            ["ibasho"], ["all"], "誰でも立ち寄れる居場所", "第3号", "全市民", Department: "福祉相談課", ParticipationCapable: true,
            LocationIds: [Hall], Schedules: [new ServiceScheduleRequest("WEEKLY", "TU,FR", new TimeOnly(10, 0), new TimeOnly(15, 0))]),
        [typeof(CommunityPersonRequest)] = new CommunityPersonRequest("cross_talent", "伊那 一郎", "city", ["commerce", "elderly_care"], ["傾聴", "配達"], "商店主"),
        [typeof(PointsRequest)] = new PointsRequest(new DateOnly(2026, 11, 20), 2),
        [typeof(CooperationRequest)] = new CooperationRequest(Shakyo, ["shopping_transport", "elderly_care"], "買い物支援の送迎", "city"),
        [typeof(ConcernReportRequest)] = new ConcernReportRequest("minsei_iin", ["social_isolation", "8050"], "medium", "aozasa",
            "青笹町の○○さん宅(80代の母と50代の息子)", "最近、息子さんの姿を見かけない。新聞が溜まっている。", new DateOnly(2026, 11, 18)),
        [typeof(ParticipantCountRequest)] = new ParticipantCountRequest(new DateOnly(2026, 10, 1), 42),
    };
}
