package org.hielements.library.builtin;

import java.util.List;
import java.util.OptionalLong;

import org.hielements.library.LibraryException;
import org.hielements.library.Scope;
import org.hielements.library.Value;

/** Positional, type-strict argument access with upstream's codes and messages; extra arguments are ignored. */
final class Args {
    private Args() {
    }

    static String string(List<Value> args, int index, String code, String message) throws LibraryException {
        if (index < args.size()) {
            var s = args.get(index).asString();
            if (s.isPresent()) return s.get();
        }
        throw new LibraryException(code, message);
    }

    static Scope scope(List<Value> args, int index, String code, String message) throws LibraryException {
        if (index < args.size()) {
            var s = args.get(index).asScope();
            if (s.isPresent()) return s.get();
        }
        throw new LibraryException(code, message);
    }

    /** An int, or a float truncated (upstream's {@code as_int}). */
    static long integer(List<Value> args, int index, String code, String message) throws LibraryException {
        if (index < args.size()) {
            OptionalLong i = args.get(index).asInt();
            if (i.isPresent()) return i.getAsLong();
        }
        throw new LibraryException(code, message);
    }
}
