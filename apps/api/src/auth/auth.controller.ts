import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { LoginResult, SessionUserView } from './auth.responses';
import { Throttle } from '@nestjs/throttler';
import type { Request } from 'express';
import { Credentials, LogInUseCase, LogOutUseCase } from '@hub/auth';
import { CurrentUser, Public, SessionUser } from './auth.decorators';
import { bearerToken } from './auth.guard';
import { answered } from './use-case-http';

/** The use case's credentials (their validation inherited), documented for the OpenAPI page. */
class LoginDto extends Credentials {}
ApiProperty({ example: 'operator' })(LoginDto.prototype, 'username');
ApiProperty({ example: 'hub12345' })(LoginDto.prototype, 'password');

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly logIn: LogInUseCase,
    private readonly logOut: LogOutUseCase,
  ) {}

  @Public()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOkResponse({ type: LoginResult })
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; returns a bearer token that expires' })
  login(@Body() body: LoginDto, @Req() req: Request) {
    return answered(this.logIn.execute({ username: body.username, password: body.password, ip: req.ip ?? null }));
  }

  @ApiOperation({ summary: 'Log out: the token stops working' })
  @ApiNoContentResponse({ description: 'logged out' })
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@Req() req: Request): Promise<void> {
    const token = bearerToken(req);
    if (token) await this.logOut.execute({ token });
  }

  @ApiOperation({ summary: 'The logged-in user' })
  @ApiOkResponse({ type: SessionUserView })
  @Get('me')
  @ApiBearerAuth()
  me(@CurrentUser() user: SessionUser): SessionUser {
    return user;
  }
}
