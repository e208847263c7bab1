using Jusou.Participation.Opportunities;
using Jusou.Participation.Placements;
using Jusou.Participation.Requests;

namespace Jusou.Participation;

/// <summary>Examples shown in Participation's OpenAPI document (an Ina-like いなぷちバイト and a young person's first steps).</summary>
public static class ApiExamples
{
    private static readonly Guid Request = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000601");
    private static readonly Guid Opportunity = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000701");

    public static readonly IReadOnlyDictionary<Type, object> All = new Dictionary<Type, object>
    {
        [typeof(OpportunityRequest)] = new OpportunityRequest("short_work", "ina-farm-cooperative", "いなぷちバイト 農園の収穫作業", "takato",
            ["tue", "thu"], ["morning"], "火・木 9:00〜11:00(1回2時間から)", 3, true, 18, null,
            ["short_hours", "staff_accompaniment", "no_conversation_required"]),
        [typeof(ParticipationRequestBody)] = new ParticipationRequestBody("takato", ["short_work", "ibasho"], ["tue", "thu", "fri"], ["morning"],
            ["short_hours", "gradual_start"], 34, true, "人と話すのは苦手だが、体を動かす作業ならやってみたい。", "午後は通院。車の運転はできない。",
            "coordinator-ina-01"),
        [typeof(RequestStatusBody)] = new RequestStatusBody("closed", "own_wish"),
        [typeof(PlacementBody)] = new PlacementBody(Request, Opportunity, "visit", new DateOnly(2026, 11, 24), 14, null, "coordinator-ina-01",
            "初回は支援員が同行します。短時間から始めます。"),
        [typeof(PlacementDetailsBody)] = new PlacementDetailsBody(7, new DateOnly(2026, 12, 8), "participation-worker-02", "しばらくは週1回、支援員が様子を見に伺います。"),
        [typeof(PlacementStageBody)] = new PlacementStageBody("trial", null, new DateOnly(2026, 12, 1)),
        [typeof(CheckInBody)] = new CheckInBody("at_host", "stable", new DateOnly(2026, 12, 8), "休まず参加。作業にも慣れてきた。", new DateOnly(2026, 12, 22)),
        [typeof(SessionBody)] = new SessionBody("individual", new DateOnly(2026, 12, 3), 60, null, "体験の感想を聞き取り。次は週2回に。"),
    };
}
