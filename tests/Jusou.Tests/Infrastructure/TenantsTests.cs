using Jusou.ServiceDefaults.Auth;

namespace Jusou.Tests.Infrastructure;

// The test tenants' allocator (Tenants): nothing is started.
public class TenantsTests
{
    [Fact]
    public void Fresh_tenants_of_a_run_are_distinct_valid_and_never_the_demo_municipalities()
    {
        var codes = Enumerable.Range(0, Tenants.Capacity).Select(Tenants.Nth).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.True(MunicipalityCode.IsValid(code), code));
        var fresh = Enumerable.Range(0, 50).Select(_ => Tenants.Fresh()).ToList();
        Assert.Equal(50, fresh.Distinct().Count());
        Assert.DoesNotContain(Tenants.Tono, fresh);
        Assert.DoesNotContain(Tenants.Ina, fresh);
    }
}
