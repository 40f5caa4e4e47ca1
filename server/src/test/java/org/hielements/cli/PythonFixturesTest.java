package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code python} library on the fixture repositories {@code test-fixtures/workspaces/python-src-layout} and
 * {@code python-flat-layout}, through {@code hielements check --format json}: every verdict, every failure message,
 * and every evidence place (file, line, excerpt) as a related place of the JSON output.
 */
class PythonFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path fixture(String name) {
        return Path.of("..", "test-fixtures", "workspaces", name).toAbsolutePath().normalize();
    }

    /** One outcome as the JSON gives it: element, check, status, message, then each related place. */
    private static List<String> rows(String fixture) throws Exception {
        MainTest.Run r = MainTest.run("check", "--format", "json", fixture(fixture).toString());
        JsonNode root = JSON.readTree(r.out());
        List<String> out = new ArrayList<>();
        for (JsonNode o : root.get("results")) {
            StringBuilder b = new StringBuilder(o.get("status").asText().toUpperCase()).append(' ')
                    .append(o.get("element").asText()).append(" :: ").append(o.get("check").asText());
            if (!o.get("message").isNull()) b.append("\n    --> ").append(o.get("message").asText());
            if (o.has("related")) {
                for (JsonNode rel : o.get("related")) {
                    b.append("\n    at ").append(rel.get("file").asText()).append(':')
                            .append(rel.get("span").get("start").get("line").asInt()).append(' ')
                            .append(rel.get("message").asText());
                }
            }
            out.add(b.toString());
        }
        assertEquals(1, r.code(), "deliberate failures: exit 1\n" + r.err());
        return out;
    }

    @Test
    void srcLayoutShapedLikeFlask() throws Exception {
        assertEquals(List.of(
                "PASS flask :: python.imports(package, 'flask.ctx')",
                "FAIL flask.sansio :: python.no_import(code, 'flask.ctx')\n"
                        + "    --> Scope imports 'flask.ctx' but should not: src/flask/sansio/app.py:23 from ..ctx "
                        + "import _AppCtxGlobals (and 2 more)\n"
                        + "    at src/flask/sansio/app.py:23 from ..ctx import _AppCtxGlobals\n"
                        + "    at src/flask/sansio/scaffold.py:3 from .. import ctx\n"
                        + "    at src/flask/sansio/scaffold.py:4 from ..ctx import AppContext as Context",
                "PASS flask.sansio :: python.imports(code, 'flask.ctx._AppCtxGlobals')",
                "PASS flask.sansio :: python.imports(code, 'flask.testing')",
                "PASS flask.sansio :: python.imports(code, 'flask.helpers')",
                "PASS flask.sansio :: python.no_import(code, 'flask.cli')",
                "PASS flask.sansio :: python.calls_scope(code, ctx)",
                "PASS flask.json :: python.no_import(code, 'flask.cli')",
                "FAIL flask.json :: python.imports(code, 'flask.cli')\n"
                        + "    --> Scope does not import 'flask.cli'",
                "FAIL flask.json :: python.calls_scope(code, cli)\n"
                        + "    --> Source scope does not call anything in target scope",
                "PASS flask.globals :: python.imports(code, 'flask.ctx')",
                "FAIL flask.globals :: python.calls_scope(code, ctx)\n"
                        + "    --> Source scope does not call anything in target scope",
                "PASS flask.app :: python.calls_scope(code, sansio)",
                "PASS flask.app :: python.returns_type(code, 'None')",
                "PASS tests :: python.calls_scope(code, json)",
                "PASS tests :: python.imports(code, 'flask')"), rows("python-src-layout"));
    }

    @Test
    void flatLayoutWithRelativeImportsAtSeveralDepths() throws Exception {
        assertEquals(List.of(
                "FAIL shop :: python.imports(package, 'pytest')\n"
                        + "    --> Scope does not import 'pytest'",
                "PASS shop.orders :: python.imports(code, 'json')",
                "PASS shop.orders :: python.imports(code, 'ujson')",
                "FAIL shop.orders :: python.no_import(code, 'pickle')\n"
                        + "    --> Scope imports 'pickle' but should not: shop/orders/service.py:2 import pickle\n"
                        + "    at shop/orders/service.py:2 import pickle",
                "FAIL shop.orders :: python.no_import(code, 'shop.payments')\n"
                        + "    --> Scope imports 'shop.payments' but should not: shop/orders/deep/handlers/__init__.py:2"
                        + " from .... import payments (and 3 more)\n"
                        + "    at shop/orders/deep/handlers/__init__.py:2 from .... import payments\n"
                        + "    at shop/orders/deep/handlers/__init__.py:3 from ....payments.gateway import ( charge, "
                        + "# the one that takes money refund as give_back, )\n"
                        + "    at shop/orders/service.py:3 import shop.payments.gateway as gw\n"
                        + "    at shop/orders/service.py:14 from ..payments import gateway",
                "PASS shop.orders :: python.imports(code, 'shop.payments.gateway.refund')",
                "PASS shop.orders :: python.calls_scope(code, payments)",
                "PASS shop.orders :: python.calls(code, 'gateway.charge')",
                "PASS shop.orders :: python.calls_function(code, 'gw', 'refund')",
                "PASS shop.orders :: python.function_returns_type(code, 'place', 'Order')",
                "FAIL shop.orders :: python.function_returns_type(code, 'place', 'bytes')\n"
                        + "    --> Function 'place' does not return type 'bytes': shop/orders/service.py:13 def "
                        + "place(ident: str, amount_cents: int) -> Order:\n"
                        + "    at shop/orders/service.py:13 def place(ident: str, amount_cents: int) -> Order:",
                "PASS shop.reports :: python.no_import(code, 'shop.orders')",
                "FAIL shop.reports :: python.imports(code, 'shop.orders')\n"
                        + "    --> Scope does not import 'shop.orders'",
                "FAIL shop.reports :: python.calls_scope(code, orders)\n"
                        + "    --> Source scope does not call anything in target scope",
                "PASS tools :: python.imports(migrate, 'shop.orders.models')",
                "PASS tools :: python.calls_scope(migrate, models)"), rows("python-flat-layout"));
    }

    @Test
    void theHumanRowNamesTheFirstPlaceAndCountsTheOthers() {
        MainTest.Run r = MainTest.run("check", fixture("python-src-layout").resolve("architecture.hie").toString());
        assertEquals(1, r.code(), r.err());
        String expected = "  FAIL flask.sansio :: python.no_import(code, 'flask.ctx')\n"
                + "        --> Scope imports 'flask.ctx' but should not: src/flask/sansio/app.py:23 from ..ctx import "
                + "_AppCtxGlobals (and 2 more)\n";
        assertTrue(r.out().contains(expected), r.out());
    }
}
