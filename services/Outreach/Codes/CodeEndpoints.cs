using Jusou.ServiceDefaults.Http;
namespace Jusou.Outreach.Codes;

public static class CodeEndpoints
{
    public static void MapCodes(this IEndpointRouteBuilder api) =>
        api.MapCodeTables(OutreachCodes.All, "GetOutreachCodes",
            "Every code table Outreach uses, each code with its Japanese label.");
}
