using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ZhangbanProbe.Replicas;

/// <summary>The certificate a TLS replica presents.</summary>
public enum ReplicaCertificate { Valid, Expired, ExpiringSoon, SelfSigned, WrongHost }

/// <summary>
/// A throwaway test CA and the leaf certificates of the TLS replicas, made in memory at server start.
/// Leaf certificates reuse the CA's key pair on purpose: Chromium can be told to trust a public key
/// (<c>--ignore-certificate-errors-spki-list</c>) but not a root, and the shared key lets one trusted root
/// file serve both .NET chain building and the browser.
/// </summary>
public sealed class ReplicaCertificates : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ConcurrentDictionary<(string Host, ReplicaCertificate Kind), X509Certificate2> _leaves = new();

    public X509Certificate2 Authority { get; }

    /// <summary>PEM file holding the CA certificate (give it to <c>Browser:ExtraRootCertificates</c>).</summary>
    public string AuthorityPemPath { get; }

    public ReplicaCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        var request = new CertificateRequest("CN=ZhangbanProbe Replica Test CA", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        Authority = request.CreateSelfSigned(now.AddDays(-30), now.AddYears(5));
        AuthorityPemPath = Path.Combine(Path.GetTempPath(), $"zhangban-replica-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(AuthorityPemPath, Authority.ExportCertificatePem());
    }

    /// <summary>The leaf certificate of this kind for a host (made once, then reused).</summary>
    public X509Certificate2 LeafFor(string host, ReplicaCertificate kind) => _leaves.GetOrAdd((host.ToLowerInvariant(), kind), k => Make(k.Host, k.Kind));

    private X509Certificate2 Make(string host, ReplicaCertificate kind)
    {
        var now = DateTimeOffset.UtcNow;
        var (notBefore, notAfter) = kind switch
        {
            ReplicaCertificate.Expired => (now.AddDays(-400), now.AddDays(-5)),
            ReplicaCertificate.ExpiringSoon => (now.AddDays(-300), now.AddDays(5)),
            _ => (now.AddDays(-10), now.AddDays(365)),
        };
        var name = kind == ReplicaCertificate.WrongHost ? "www.example.gov.cn" : host;
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        X509Certificate2 cert;
        if (kind == ReplicaCertificate.SelfSigned)
        {
            using var own = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var selfRequest = new CertificateRequest($"CN={name}", own, HashAlgorithmName.SHA256);
            foreach (var ext in request.CertificateExtensions) selfRequest.CertificateExtensions.Add(ext);
            cert = selfRequest.CreateSelfSigned(notBefore, notAfter);
        }
        else
        {
            var serial = RandomNumberGenerator.GetBytes(12);
            using var signed = request.Create(Authority.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, notAfter, serial);
            cert = signed.CopyWithPrivateKey(_key);
        }
        // Round-trip through PKCS#12 so SslStream on Linux can use the private key.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        try { File.Delete(AuthorityPemPath); } catch { /* temp file */ }
        _key.Dispose();
    }
}
