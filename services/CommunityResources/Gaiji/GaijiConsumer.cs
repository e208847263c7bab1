using Jusou.ServiceKit.Gaiji;

namespace Jusou.CommunityResources.Gaiji;

/// <summary>Learns the municipality's 外字 from Intake's register, so names holding them are accepted here too.</summary>
public sealed class GaijiConsumer(CommunityResourcesDbContext db) : GaijiRegisteredConsumer<CommunityResourcesDbContext>(db);
