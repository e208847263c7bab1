using Jusou.Tools.Demo;
using Jusou.Tools.Events;
using Jusou.Tools.Token;

// Jusou's tools, one command each (the ./jusou front door runs them):
//   token --tenant 032085 --role coordinator …   a development JWT (Development only)            ./jusou token
//   events --out docs/events                      the event catalogue from services/Contracts      ./jusou event-catalogue
//   demo --gateway URL --key-file FILE            two sample municipalities into a running system  ./jusou demo
return args switch
{
    ["token", .. var rest] => DevelopmentTokenCommand.Run(rest),
    ["events", .. var rest] => EventCatalogueCommand.Run(rest),
    ["demo", .. var rest] => await DemoCommand.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Jusou.Tools token|events|demo … (see ./jusou help)");
    return 2;
}
