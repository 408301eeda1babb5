import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { ExprError } from "../../core/autograd/expr";

/** Turns a parse or evaluation error into a message in the learner's language (graphStepper.errors.*). */
export function useExprError(): (e: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (e: unknown) => (e instanceof ExprError ? t(`graphStepper.errors.${e.code}`, e.params) : t("graphStepper.errors.math", { message: (e as Error).message })),
    [t],
  );
}
