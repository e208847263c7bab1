namespace Jusou.CommunityResources.Codes;

public sealed record CodeLabel(string Code, string Label);

public static class CodeEndpoints
{
    public static void MapCodes(this IEndpointRouteBuilder api) =>
        api.MapGet("/codes", () => TypedResults.Ok(CommunityCodes.All.ToDictionary(
                table => table.Key,
                table => table.Value.Select(entry => new CodeLabel(entry.Key, entry.Value)).ToList())))
            .WithTags("Codes (コード表)")
            .WithName("GetCommunityCodes")
            .WithSummary("Every code table CommunityResources uses, each code with its Japanese label.");
}
