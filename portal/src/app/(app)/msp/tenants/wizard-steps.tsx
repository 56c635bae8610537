const STEPS = [
  { key: "organisation", label: "Organisation" },
  { key: "cloud", label: "Cloud mapping" },
  { key: "admin", label: "Administrator" },
  { key: "done", label: "Ready" },
];

/** Progress of the onboarding wizard; each step is its own page, so a refresh never loses work. */
export function WizardSteps({ current }: { current: string }) {
  const index = STEPS.findIndex((step) => step.key === current);
  return (
    <ol className="steps" aria-label="Onboarding steps">
      {STEPS.map((step, position) => (
        <li
          key={step.key}
          aria-current={position === index ? "step" : undefined}
          data-done={position < index ? "true" : undefined}
        >
          <span className="step-num">{position < index ? "✓" : position + 1}</span>
          {step.label}
        </li>
      ))}
    </ol>
  );
}
