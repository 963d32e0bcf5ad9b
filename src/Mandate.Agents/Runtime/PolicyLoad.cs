using System.Runtime.ExceptionServices;
using Mandate.Agents.Decisions;
using Mandate.Core.Errors;

namespace Mandate.Agents.Runtime;

/// <summary>
/// The policy set, parsed on a second thread while the first reads the session and opens the store: the two take
/// about a millisecond each in a fresh hook process, and the machines agents run on have more than one core.
/// Whatever the parse throws is rethrown to the caller by <see cref="Wait"/>, which fails closed. Once the set is
/// ready, the thread goes on to <c>then</c> (the audit append's one-time set-up), which no one waits for.
/// </summary>
internal sealed class PolicyLoad
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _ready = new();
    private Outcome<PolicyBundle>? _result;
    private ExceptionDispatchInfo? _error;

    private PolicyLoad(string organisationDir, string projectDir, Action then)
    {
        _thread = new Thread(() =>
        {
            try
            {
                _result = PolicyBundle.Load(organisationDir, projectDir);
            }
            catch (Exception e)
            {
                _error = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                _ready.Set();
            }

            try
            {
                then();
            }
            catch (Exception)
            {
                // Only a head start for later work: an exception on this thread must never end the process.
            }
        })
        {
            IsBackground = true,
            Name = "mandate policies",
        };
    }

    public static PolicyLoad Start(string organisationDir, string projectDir, Action then)
    {
        var load = new PolicyLoad(organisationDir, projectDir, then);
        load._thread.Start();
        return load;
    }

    public Outcome<PolicyBundle> Wait()
    {
        _ready.Wait();
        _error?.Throw();
        return _result ?? throw new InvalidOperationException("The policy thread ended without a result.");
    }
}
