package org.hielements.library.registry;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Resolves a package range against a registry and brings the chosen tarball into the cache, verified: the highest
 * published version in the range (prereleases only when the range names one), which must carry the
 * {@code hielements-plugin} keyword and a SHA-512 {@code dist.integrity}; its tarball is downloaded, hashed, refused
 * unless the hash is the expected one (the registry's when adding, the lock's when installing), read as a plugin
 * package (manifest, module) and only then stored. The only class of this package that uses the network, with
 * {@link RegistryClient}; used by {@code hielements plugins}, never while loading libraries.
 */
public final class PackageResolver {
    private final RegistryClient client;
    private final PackageCache cache;

    public PackageResolver(RegistryClient client, PackageCache cache) {
        this.client = Objects.requireNonNull(client, "client");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /**
     * A version chosen for a range.
     *
     * @param name      the package
     * @param version   the version
     * @param integrity its tarball's SHA-512
     * @param tarball   where the registry serves the tarball
     */
    public record Resolved(String name, String version, Integrity integrity, URI tarball) {}

    /** The highest version of {@code spec}'s range, checked to be a plugin with a SHA-512 integrity. */
    public Resolved resolve(PackageSpec spec) throws RegistryException, InvalidPackage {
        RegistryClient.Packument doc = client.packument(spec.name());
        String chosen = spec.range().highest(doc.versions().keySet()).orElseThrow(() -> new InvalidPackage(
                "no version of " + spec.name() + " matches \"" + spec.range().text() + "\" (published: "
                        + published(doc) + ")"));
        return checked(doc, chosen);
    }

    /** Version {@code version} exactly (a lock's), checked as {@link #resolve} does. */
    public Resolved exact(String name, String version) throws RegistryException, InvalidPackage {
        RegistryClient.Packument doc = client.packument(name);
        if (!doc.versions().containsKey(version)) {
            throw new InvalidPackage("the registry " + doc.registry() + " has no version " + version + " of " + name
                    + " (published: " + published(doc) + ")");
        }
        return checked(doc, version);
    }

    private static Resolved checked(RegistryClient.Packument doc, String version) throws InvalidPackage {
        RegistryClient.Version v = doc.versions().get(version);
        String label = doc.name() + "@" + version;
        if (!v.keywords().contains(PluginManifest.KEYWORD)) {
            throw new InvalidPackage(label + " is not a Hielements plugin: its package.json has no keyword \""
                    + PluginManifest.KEYWORD + "\"");
        }
        Integrity integrity = v.integrity().orElseThrow(() -> new InvalidPackage(label + " has no SHA-512 integrity "
                + "in the registry (dist.integrity); it cannot be verified, so it is not used"));
        return new Resolved(doc.name(), version, integrity, v.tarball());
    }

    private static String published(RegistryClient.Packument doc) {
        List<String> vs = new ArrayList<>(doc.versions().keySet());
        vs.sort(NpmRange::compare);
        if (vs.isEmpty()) return "none";
        if (vs.size() > 12) vs = vs.subList(vs.size() - 12, vs.size());
        return String.join(", ", vs);
    }

    /**
     * The package of {@code resolved} from the cache, downloading it first when it is not there. {@code expected} is
     * the integrity the tarball must have (the lock's, or the registry's when adding); a tarball of another hash is
     * refused and nothing of it is stored or read.
     */
    public PackageCache.Opened fetch(Resolved resolved, Integrity expected, long moduleLimit)
            throws RegistryException, InvalidPackage, IOException {
        String label = resolved.name() + "@" + resolved.version();
        if (!resolved.integrity().equals(expected)) {
            throw new InvalidPackage("the registry gives " + label + " the integrity " + resolved.integrity().sri()
                    + ", not the " + expected.sri() + " of hielements.lock: the published tarball changed; it is "
                    + "not used (run 'hielements plugins update' to lock what the registry serves now)");
        }
        if (cache.contains(expected)) {
            try {
                return cache.open(expected, moduleLimit);
            } catch (PackageCache.Problem p) {
                // a cached tarball that is not the lock's is never read: it is replaced by a verified download
                if (p.kind() == PackageCache.Problem.Kind.INVALID) throw new InvalidPackage(p.getMessage());
                if (p.kind() != PackageCache.Problem.Kind.TAMPERED) throw new IOException(p.getMessage());
            }
        }
        byte[] tgz = client.tarball(resolved.tarball(), PackageCache.MAX_TARBALL);
        Integrity actual = Integrity.of(tgz);
        if (!actual.equals(expected)) {
            throw new InvalidPackage("the tarball downloaded for " + label + " has the hash " + actual.sri()
                    + ", not " + expected.sri() + ": it is refused and nothing of it is unpacked or stored");
        }
        PluginPackage.read(tgz, moduleLimit);
        cache.store(expected, tgz);
        try {
            return cache.open(expected, moduleLimit);
        } catch (PackageCache.Problem p) {
            if (p.kind() == PackageCache.Problem.Kind.INVALID) throw new InvalidPackage(p.getMessage());
            throw new IOException(p.getMessage());
        }
    }

    public PackageCache cache() {
        return cache;
    }

    public RegistryClient client() {
        return client;
    }
}
