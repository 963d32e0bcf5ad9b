namespace Mandate.Core.Audit;

/// <summary>
/// Runs, on a second core, the one-time work an audit append does first in a fresh process: libsodium's set-up,
/// the secret detectors' construction, and their code's first run. A hook calls it while its first thread opens the
/// store, so that the append on the decision's path finds it done. Failures are ignored here: the append does the
/// same work again and reports them where they can deny.
/// </summary>
public static class AuditWarmUp
{
    public static void Run()
    {
        try
        {
            var redactor = new SecretRedactor(new byte[SecretRedactor.KeySize]);
            _ = redactor.RedactString("Authorization: Bearer warm-up password=warm-up");
        }
        catch (Exception)
        {
            // See the summary: nothing here may end the process.
        }
    }
}
