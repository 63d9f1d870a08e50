import { registry } from "@web/core/registry";
import { FloatField, floatField } from "@web/views/fields/float/float_field";
import { IntegerField, integerField } from "@web/views/fields/integer/integer_field";

// A technical value of a vehicle that is not known (0 in the database: an integer or a float
// column has no "empty") shows empty, not "0" or "0,0". Typing 0 or clearing the input stores 0.

export class BlankZeroIntegerField extends IntegerField {
    get formattedValue() {
        return this.value ? super.formattedValue : "";
    }
}

export class BlankZeroFloatField extends FloatField {
    get formattedValue() {
        return this.value ? super.formattedValue : "";
    }
}

registry.category("fields").add("spoticar_blank_zero_integer", {
    ...integerField,
    component: BlankZeroIntegerField,
});
registry.category("fields").add("spoticar_blank_zero_float", {
    ...floatField,
    component: BlankZeroFloatField,
});
