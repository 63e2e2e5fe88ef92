import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { ROLES, Role } from '@hub/auth';

export class CreateUserDto {
  @ApiProperty() @Matches(/^[A-Za-z0-9_.-]{2,64}$/, { message: 'username must be 2-64 letters, digits, _ . -' }) username!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) displayName!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as unknown as string[]) role!: Role;
  @ApiProperty() @IsString() @MinLength(8, { message: 'password must be at least 8 characters' }) @MaxLength(200) password!: string;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @IsInt({ each: true }) unitIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) email?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) displayName?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES as unknown as string[]) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(8, { message: 'password must be at least 8 characters' }) @MaxLength(200) password?: string;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @IsInt({ each: true }) unitIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class RuleDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) priority?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiProperty({ description: 'e.g. {"keywords":["燃气"],"channel":"hotline","region":"东湖区"}' }) @IsObject() conditions!: Record<string, unknown>;
  @ApiProperty({ description: 'e.g. {"category":"城乡建设/燃气安全","urgency":"urgent"}' }) @IsObject() actions!: Record<string, unknown>;
}

export class UploadDto {
  @ApiProperty({ description: 'export source in sources.yaml' }) @IsString() @MinLength(1) source!: string;
}
