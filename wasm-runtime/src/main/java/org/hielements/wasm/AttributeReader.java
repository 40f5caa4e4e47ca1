package org.hielements.wasm;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the attribute maps of the "basic", "posix" and "unix" views ({@code Files.readAttributes(path,
 * "unix:*")}, which Chicory's WASI asks for on every stat and every directory entry) at a real path
 * of the confined view with one {@code lstat} each. The JDK builds "owner" and "group" by looking
 * the file's uid and gid up in the user and group databases for every file (reading /etc/passwd and
 * /etc/group each time); here the principal found for a uid or gid is kept for the life of the
 * mount, and looked up again only for a new one. Every other attribute comes from the file's own
 * stat, read at each call. Requests of other views, or with a name a view does not have, are left
 * to the JDK as they are (so it reports the error).
 */
final class AttributeReader {
    private static final List<String> BASIC = List.of("lastModifiedTime", "lastAccessTime", "creationTime", "size",
            "isRegularFile", "isDirectory", "isSymbolicLink", "isOther", "fileKey");
    private static final List<String> POSIX = concat(BASIC, List.of("permissions", "owner", "group"));
    private static final List<String> UNIX = concat(POSIX,
            List.of("mode", "ino", "dev", "rdev", "nlink", "uid", "gid", "ctime"));

    private final boolean unixView = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private final Map<Integer, UserPrincipal> owners = new ConcurrentHashMap<>();
    private final Map<Integer, GroupPrincipal> groups = new ConcurrentHashMap<>();
    /** Parsed requests by their text (a handful in practice: Chicory always asks for "unix:*"). */
    private final Map<String, Request> parsed = new ConcurrentHashMap<>();
    private static final int MAX_PARSED = 64;

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** One attribute request, e.g. {@code "unix:*"} or {@code "size,isDirectory"}. */
    final class Request {
        private final List<String> names;
        private final boolean owner;
        private final boolean group;
        private final String query;
        private final String queryWithLinkFlag;

        private Request(List<String> names) {
            this.names = names;
            this.owner = names.contains("owner");
            this.group = names.contains("group");
            this.query = buildQuery(false);
            this.queryWithLinkFlag = buildQuery(true);
        }

        /**
         * The "unix" view query reading what the request needs in one stat: owner and group are
         * replaced by uid and gid; with {@code linkFlag}, isSymbolicLink is read too.
         */
        String query(boolean linkFlag) {
            return linkFlag ? queryWithLinkFlag : query;
        }

        private String buildQuery(boolean linkFlag) {
            StringBuilder q = new StringBuilder("unix:");
            for (String n : names) {
                if (!n.equals("owner") && !n.equals("group")) {
                    q.append(n).append(',');
                }
            }
            if (owner) {
                q.append("uid,");
            }
            if (group) {
                q.append("gid,");
            }
            if (linkFlag) {
                q.append("isSymbolicLink,");
            }
            q.setLength(q.length() - 1);
            return q.toString();
        }

        /** The map the request asked for, from the map {@link #query} read at {@code real}. */
        Map<String, Object> answer(Map<String, Object> read, Path real) throws IOException {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String n : names) {
                if (n.equals("owner")) {
                    out.put(n, owner((Integer) read.get("uid"), real));
                } else if (n.equals("group")) {
                    out.put(n, group((Integer) read.get("gid"), real));
                } else if (read.containsKey(n)) {
                    out.put(n, read.get(n));
                }
            }
            return out;
        }
    }

    /** The request for {@code attributes}, or null when it is to be handed to the JDK unchanged. */
    Request parse(String attributes) {
        if (!unixView) {
            return null;
        }
        Request known = parsed.get(attributes);
        if (known != null) {
            return known;
        }
        Request r = parseNew(attributes);
        if (r != null && parsed.size() < MAX_PARSED) {
            parsed.put(attributes, r);
        }
        return r;
    }

    private Request parseNew(String attributes) {
        int colon = attributes.indexOf(':');
        String view = colon < 0 ? "basic" : attributes.substring(0, colon);
        List<String> known = view.equals("basic") ? BASIC
                : view.equals("posix") ? POSIX
                : view.equals("unix") ? UNIX
                : null;
        if (known == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String n : attributes.substring(colon + 1).split(",", -1)) {
            if (n.equals("*")) {
                names.addAll(known);
            } else if (known.contains(n)) {
                names.add(n);
            } else {
                return null; // an unknown name: the JDK's error
            }
        }
        return new Request(List.copyOf(new java.util.LinkedHashSet<>(names)));
    }

    private UserPrincipal owner(Integer uid, Path real) throws IOException {
        UserPrincipal known = owners.get(uid);
        if (known != null) {
            return known;
        }
        Map<String, Object> m = Files.readAttributes(real, "unix:uid,owner", LinkOption.NOFOLLOW_LINKS);
        UserPrincipal found = (UserPrincipal) m.get("owner");
        if (uid.equals(m.get("uid"))) {
            owners.putIfAbsent(uid, found);
        }
        return found;
    }

    private GroupPrincipal group(Integer gid, Path real) throws IOException {
        GroupPrincipal known = groups.get(gid);
        if (known != null) {
            return known;
        }
        Map<String, Object> m = Files.readAttributes(real, "unix:gid,group", LinkOption.NOFOLLOW_LINKS);
        GroupPrincipal found = (GroupPrincipal) m.get("group");
        if (gid.equals(m.get("gid"))) {
            groups.putIfAbsent(gid, found);
        }
        return found;
    }
}
