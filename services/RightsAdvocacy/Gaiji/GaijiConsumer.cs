using Jusou.ServiceKit.Gaiji;

namespace Jusou.RightsAdvocacy.Gaiji;

/// <summary>Learns the municipality's 外字 from Intake's register, so names holding them are accepted here too.</summary>
public sealed class GaijiConsumer(RightsAdvocacyDbContext db) : GaijiRegisteredConsumer<RightsAdvocacyDbContext>(db);
