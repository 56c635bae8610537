import fs from "node:fs";
import { generateOperations, outputFile } from "./codegen-lib.mjs";

fs.writeFileSync(outputFile, await generateOperations());
process.stdout.write(`wrote ${outputFile}\n`);
