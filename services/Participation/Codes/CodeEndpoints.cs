namespace Jusou.Participation.Codes;

public sealed record CodeLabel(string Code, string Label);

public static class CodeEndpoints
{
    public static void MapCodes(this IEndpointRouteBuilder api) =>
        api.MapGet("/codes", () => TypedResults.Ok(ParticipationCodes.All.ToDictionary(
                table => table.Key,
                table => table.Value.Select(entry => new CodeLabel(entry.Key, entry.Value)).ToList())))
            .WithTags("Codes (コード表)")
            .WithName("GetParticipationCodes")
            .WithSummary("Every code table Participation uses (参加の形, 段階, 終了理由, 配慮・支援, マッチング理由 …), each code with its Japanese label.");
}
