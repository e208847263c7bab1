using Jusou.ServiceDefaults.Http;
namespace Jusou.Intake.Codes;

public static class CodeEndpoints
{
    public static void MapCodes(this IEndpointRouteBuilder api) =>
        api.MapCodeTables(IntakeCodes.All, "GetIntakeCodes",
            "Every code table Intake uses, each code with its Japanese label.");
}
