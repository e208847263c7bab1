namespace Jusou.ServiceDefaults;

/// <summary>
/// Who a service is, said once: its name is its route (<c>/api/{Name}</c>), its database (<c>{Name}</c>, connection
/// string <c>{Name}db</c>), its queue prefix on the bus and its resource and gateway cluster in the AppHost; its display
/// name is how people call it and what the kit's operation ids carry (ListIntakeAuditEntries). The AppHost's list of
/// services (AppHost/JusouServices.cs) and each service's Program.cs use the same six values.
/// </summary>
public sealed record ServiceIdentity(string Name, string DisplayName)
{
    public static readonly ServiceIdentity Intake = new("intake", "Intake");
    public static readonly ServiceIdentity MultiAgency = new("multiagency", "MultiAgency");
    public static readonly ServiceIdentity Participation = new("participation", "Participation");
    public static readonly ServiceIdentity Outreach = new("outreach", "Outreach");
    public static readonly ServiceIdentity RightsAdvocacy = new("rights", "RightsAdvocacy");
    public static readonly ServiceIdentity CommunityResources = new("community", "CommunityResources");

    public string Route => $"/api/{Name}";
    public string Database => Name;
    public string ConnectionName => $"{Name}db";
}
