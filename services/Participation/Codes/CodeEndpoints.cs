using Jusou.ServiceDefaults.Http;
namespace Jusou.Participation.Codes;

public static class CodeEndpoints
{
    public static void MapCodes(this IEndpointRouteBuilder api) =>
        api.MapCodeTables(ParticipationCodes.All, "GetParticipationCodes",
            "Every code table Participation uses (参加の形, 段階, 終了理由, 配慮・支援, マッチング理由 …), each code with its Japanese label.");
}
