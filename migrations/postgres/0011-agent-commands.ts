import type { MigrationInterface, QueryRunner } from "typeorm";

/** What the helpdesk asks a desktop's agent to do (end or disconnect a session, show a message) until it is handed over. */
export class AgentCommands0011 implements MigrationInterface {
  name = "AgentCommands1700000000011";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "desktop" ADD "agent_commands" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "desktop" DROP COLUMN "agent_commands"');
  }
}
