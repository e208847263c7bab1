using Jusou.ServiceDefaults.Http;
namespace Jusou.RightsAdvocacy.Codes;

public static class CodeEndpoints
{
    public static void MapCodes(this IEndpointRouteBuilder api) =>
        api.MapCodeTables(RightsCodes.All, "GetRightsCodes",
            "Every code table RightsAdvocacy uses, each code with its Japanese label.");
}
