package org.hielements.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;

/**
 * A table whose slots are taken from the instance's {@link InstanceBudget}: creating one larger than
 * what is left of the budget fails the instantiation (reported as the memory limit), and a
 * {@code table.grow} past it returns -1 to the guest and is noted. Each instance gets its own copy of
 * the table's limits, because the engine grows the limits object it is given, which is the module's.
 */
final class LimitedTable extends TableInstance {
    private final InstanceBudget budget;

    private LimitedTable(Table table, int initValue, InstanceBudget budget) {
        super(table, initValue);
        this.budget = budget;
    }

    static TableInstance create(Table table, int initValue, InstanceBudget budget) {
        long min = table.limits().min();
        if (!budget.reserve(min * InstanceBudget.TABLE_SLOT_BYTES, "a table of " + min + (min == 1 ? " slot" : " slots"))) {
            throw new UninstantiableException(budget.refusal());
        }
        Table own = new Table(table.elementType(), new TableLimits(min, table.limits().max()), table.initialize());
        return new LimitedTable(own, initValue, budget);
    }

    @Override
    public int grow(int size, int value, Instance instance) {
        if (size < 0) {
            return -1;
        }
        long wanted = (long) size() + size;
        if (wanted > limits().max()) {
            return -1; // the table's own maximum: a plain refusal, as the specification says
        }
        if (!budget.reserve((long) size * InstanceBudget.TABLE_SLOT_BYTES, "growing a table to " + wanted
                + " slots")) {
            return -1;
        }
        return super.grow(size, value, instance);
    }
}
