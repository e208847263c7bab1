namespace Jusou.Tools.Demo;

/// <summary>
/// `./jusou demo`: loads two sample municipalities into a running system (./jusou up) through the gateway's public API —
/// a Tono-like one (遠野市 032085: 11 地区センター, the 令和3年度 ケース共有会議) and an Ina-like one (伊那市 202096: the
/// programme table of the 実施計画, a 響働コーディネーター's case) — then prints where to look.
/// </summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var gateway = new Uri(Argument("--gateway") ?? "http://localhost:5080");
        var keyFile = Argument("--key-file") ?? Path.Combine(".jusou", "data", "secrets", "jwt-signing-key");
        if (!File.Exists(keyFile))
        {
            Console.Error.WriteLine($"demo: no development signing key at {keyFile}: start the system first with ./jusou up");
            return 2;
        }
        var demo = new Demo(gateway, File.ReadAllText(keyFile).Trim());

        Console.WriteLine($"demo: loading 遠野市 ({Tono.Tenant}) …");
        Console.WriteLine("demo:   " + await Tono.LoadAsync(demo, Tono.Tenant));
        Console.WriteLine($"demo: loading 伊那市 ({Ina.Tenant}) …");
        Console.WriteLine("demo:   " + await Ina.LoadAsync(demo, Ina.Tenant));

        Console.WriteLine($"""

            Loaded. Where to look:
              dashboard            http://localhost:18888 (the login link is in ./jusou up's output): traces of the loads, metrics
                                   jusou.consultations.received and jusou.cases.open, each service's logs
              API reference        {gateway}scalar
              Tono's report        TOKEN=$(./jusou token --tenant {Tono.Tenant} --role coordinator)
                                   curl -H "Authorization: Bearer $TOKEN" '{gateway}api/multiagency/reports/case-conference?fiscalYear=2021'
                                   … &format=csv > tono-2021.csv (opens in Excel), &format=html for the printable page
              Tono's areas         curl -H "Authorization: Bearer $TOKEN" '{gateway}api/community/areas'
              Ina's programmes     TOKEN=$(./jusou token --tenant {Ina.Tenant} --role coordinator)
                                   curl -H "Authorization: Bearer $TOKEN" '{gateway}api/community/services?method=commissioned&targetGroup=elderly&area=city'
              Ina's case           curl -H "Authorization: Bearer $TOKEN" '{gateway}api/multiagency/cases'
            """);
        return 0;

        string? Argument(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    }
}
