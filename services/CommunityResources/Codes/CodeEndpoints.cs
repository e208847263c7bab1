using Jusou.ServiceDefaults.Http;
namespace Jusou.CommunityResources.Codes;

public static class CodeEndpoints
{
    public static void MapCodes(this IEndpointRouteBuilder api) =>
        api.MapCodeTables(CommunityCodes.All, "GetCommunityCodes",
            "Every code table CommunityResources uses, each code with its Japanese label.");
}
